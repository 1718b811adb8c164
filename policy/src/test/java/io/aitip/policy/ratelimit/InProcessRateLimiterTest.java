package io.aitip.policy.ratelimit;

/** The contract against the in-process limiter (a single server). */
class InProcessRateLimiterTest extends RateLimiterContract {

    private final RateLimiter limiter = new InProcessRateLimiter();

    @Override
    RateLimiter limiter() {
        return limiter;
    }
}
