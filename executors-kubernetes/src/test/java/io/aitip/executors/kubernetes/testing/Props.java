package io.aitip.executors.kubernetes.testing;

import io.aitip.executors.kubernetes.KubernetesProperties;
import java.time.Duration;
import java.util.Map;

/** Kubernetes executor settings for tests: short periods, fluent overrides. */
public final class Props {

    private String kueue = "auto";
    private String checkpointClaim;
    private String checkpointUri = "s3://aitip-checkpoints";
    private String callbackUrl = "https://aitip.example.com";
    private Map<Integer, String> priorityClasses = Map.of(50, "aitip-high", 0, "aitip-normal");
    private Duration resync = Duration.ofMinutes(10);
    private Duration logPoll = Duration.ofMillis(200);

    public static Props fast() {
        return new Props();
    }

    public Props kueue(String mode) {
        kueue = mode;
        return this;
    }

    public Props checkpointClaim(String claim) {
        checkpointClaim = claim;
        checkpointUri = null;
        return this;
    }

    public Props noPriorityClasses() {
        priorityClasses = Map.of();
        return this;
    }

    public Props resync(Duration period) {
        resync = period;
        return this;
    }

    public Props logPoll(Duration period) {
        logPoll = period;
        return this;
    }

    public KubernetesProperties build() {
        return new KubernetesProperties(null, null, "aitip-{project}", true, null, null, true, null, "8Gi",
                checkpointClaim, checkpointUri, callbackUrl, kueue, "{project}-queue", priorityClasses, null,
                "aitip-system/aitip-gateway", Duration.ofHours(6), "aitip-reconciler", "aitip-system",
                Duration.ofSeconds(2), resync, logPoll, Duration.ofMillis(50), null);
    }
}
