package io.aitip.policy.quota;

import java.math.BigDecimal;

/**
 * One scope's quota for one period as {@code resources_quota} shows it. Null limits mean no limit;
 * headroom is what a new reservation may still take (null when unlimited).
 */
public record QuotaUsage(QuotaScope scope, String scopeId, String period, BigDecimal gpuHoursLimit, BigDecimal gpuHoursUsed,
                         BigDecimal gpuHoursReserved, BigDecimal gpuHoursHeadroom, Integer concurrentJobsLimit,
                         Integer runningJobs, Integer jobsHeadroom) {
}
