package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Traffic through a service's router: requests, errors, latency percentiles and the split per version. */
@Component
public class InferenceMetricsTool implements Tool<InferenceMetricsTool.Input> {

    public record Input(
            @Param(value = "The service: its id (svc-…) or name.", required = true, minLength = 1, maxLength = 100)
            String service) {
    }

    /** One version's traffic; {@code track} is its role now: stable, canary or previous. */
    public record VersionTraffic(String version, String track, long requests, long errors,
                                 TrafficMetrics.Latency latencyMs, Double observedPercent) {
    }

    /** The configured and the observed share of the canary. */
    public record Split(String stableVersion, String canaryVersion, int configuredCanaryPercent,
                        Double observedCanaryPercent) {
    }

    public record Result(String serviceId, String name, String status, Instant since, long requests, long errors,
                         Double errorRate, TrafficMetrics.Latency latencyMs, List<VersionTraffic> versions, Split split,
                         int readyReplicas, int desiredReplicas) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_metrics")
            .toolset("inference")
            .title("Inference service traffic and latency")
            .description("Shows what the AITIP router saw for a service since this server started: request count, "
                    + "errors (5xx or unreachable replicas), latency p50/p95/p99 in ms, overall and per model version, "
                    + "and the canary split configured versus observed. Requests sent straight to a replica are not "
                    + "counted. Use it to judge a canary before release_promote or release_rollback.")
            .readOnly()
            .permission("inference:read")
            .example("en", "Show metrics of chat-prod", Map.of("service", "chat-prod"))
            .example("en", "What is the p99 latency and error count of svc-7f3a2c01?", Map.of("service", "svc-7f3a2c01"))
            .example("zh", "看看 chat-prod 的请求量和延迟", Map.of("service", "chat-prod"))
            .example("zh", "svc-1a2b3c4d 的金丝雀流量实际占比是多少", Map.of("service", "svc-1a2b3c4d"))
            .build();

    private final Deployments deployments;
    private final TrafficMetrics metrics;

    public InferenceMetricsTool(Deployments deployments, TrafficMetrics metrics) {
        this.deployments = deployments;
        this.metrics = metrics;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        Deployment d = deployments.require(Scope.of(context), input.service(), "/service");
        TrafficMetrics.VersionFigures total = metrics.total(d.id());
        List<VersionTraffic> versions = metrics.figures(d.id()).stream().map(v -> new VersionTraffic(v.version(),
                v.version().equals(d.modelVersion()) ? "stable" : v.version().equals(d.canaryVersion()) ? "canary"
                        : "previous", v.requests(), v.errors(), v.latencyMs(), percent(v.requests(), total.requests())))
                .toList();
        Double observedCanary = d.hasCanary() ? versions.stream().filter(v -> v.version().equals(d.canaryVersion()))
                .findFirst().map(VersionTraffic::observedPercent).orElse(total.requests() == 0 ? null : 0.0) : null;
        int ready = (int) deployments.store().readyReplicas(d.id()).stream().filter(r -> r.track() == Track.STABLE).count();
        return new Result(d.id(), d.name(), d.status().wire(), metrics.since(), total.requests(), total.errors(),
                total.requests() == 0 ? null : round(100.0 * total.errors() / total.requests()), total.latencyMs(),
                versions, new Split(d.modelVersion(), d.canaryVersion(), d.hasCanary() ? d.canaryPercent() : 0,
                observedCanary), ready, d.replicas());
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
