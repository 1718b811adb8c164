package io.aitip.policy.ratelimit;

import java.time.Duration;

/**
 * Counts calls per key in fixed windows. In-process on one server; in Redis when replicas must
 * share the counts. Both implementations pass the same contract test suite.
 */
public interface RateLimiter {

    /**
     * Counts one call for {@code key} in the current window of length {@code window}.
     *
     * @return the permit: allowed, or refused with how long until the window ends
     */
    Permit acquire(String key, int limit, Duration window);

    /** @param retryAfter zero when allowed */
    record Permit(boolean allowed, long count, Duration retryAfter) {
    }
}
