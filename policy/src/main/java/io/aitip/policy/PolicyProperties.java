package io.aitip.policy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the policy engine, prefix {@code aitip.policy} (docs/reference/configuration.md).
 *
 * @param dir                   operator policy files ({@code *.cedar}) added to the shipped ones; a file with
 *                              the name of a shipped file replaces it (AITIP_POLICY_DIR); null = shipped only
 * @param reloadInterval        how often the directory is checked for changed files (default 2 s)
 * @param defaultRuntimeMinutes the runtime assumed for GPU work that sets no max_runtime_minutes when
 *                              estimating its GPU-hours (default 60)
 * @param approvalTtl           how long an approval request waits for a decision before it expires (default 24 h)
 */
@ConfigurationProperties(prefix = "aitip.policy")
public record PolicyProperties(Path dir, Duration reloadInterval, Integer defaultRuntimeMinutes, Duration approvalTtl) {

    public PolicyProperties {
        dir = dir == null || dir.toString().isBlank() ? null : dir;
        reloadInterval = reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()
                ? Duration.ofSeconds(2) : reloadInterval;
        defaultRuntimeMinutes = defaultRuntimeMinutes == null || defaultRuntimeMinutes < 1 ? 60 : defaultRuntimeMinutes;
        approvalTtl = approvalTtl == null || approvalTtl.isNegative() || approvalTtl.isZero()
                ? Duration.ofHours(24) : approvalTtl;
    }

    /** Shipped policies only, default settings (tests, tools). */
    public static PolicyProperties defaults() {
        return new PolicyProperties(null, null, null, null);
    }
}
