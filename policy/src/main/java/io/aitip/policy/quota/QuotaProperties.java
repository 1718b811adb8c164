package io.aitip.policy.quota;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Default quotas and budgets in GPU-hours, prefix {@code aitip.quota}; a row in {@code quota_limits}
 * overrides them for one org, project or API key. Unset means no limit (usage is still counted).
 *
 * @param orgGpuHoursPerMonth      GPU-hours an org may use per calendar month (UTC)
 * @param projectGpuHoursPerMonth  GPU-hours a project may use per calendar month
 * @param orgConcurrentJobs        GPU jobs an org may have running or queued at once
 * @param projectConcurrentJobs    GPU jobs a project may have running or queued at once
 * @param apiKeyGpuHoursPerDay     an API key's (an agent's) daily GPU-hour budget (UTC days)
 * @param settleInterval           how often ended jobs are settled against their reservations (default 5 s)
 */
@ConfigurationProperties(prefix = "aitip.quota")
public record QuotaProperties(BigDecimal orgGpuHoursPerMonth, BigDecimal projectGpuHoursPerMonth, Integer orgConcurrentJobs,
                              Integer projectConcurrentJobs, BigDecimal apiKeyGpuHoursPerDay, Duration settleInterval) {

    public QuotaProperties {
        settleInterval = settleInterval == null || settleInterval.isNegative() || settleInterval.isZero()
                ? Duration.ofSeconds(5) : settleInterval;
    }

    public static QuotaProperties unlimited() {
        return new QuotaProperties(null, null, null, null, null, null);
    }
}
