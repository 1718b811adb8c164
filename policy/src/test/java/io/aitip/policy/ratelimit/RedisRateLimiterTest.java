package io.aitip.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The contract against the machine's real Redis (127.0.0.1:6379, or AITIP_TEST_REDIS_URL). */
class RedisRateLimiterTest extends RateLimiterContract {

    static RedissonClient redis;
    static RedissonClient otherReplica;
    static RateLimiter limiter;

    @BeforeAll
    static void connect() {
        redis = client();
        otherReplica = client();
        limiter = new RedisRateLimiter(redis, "aitip:test:rl:");
    }

    static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(System.getenv().getOrDefault("AITIP_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
        return Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
        otherReplica.shutdown();
    }

    @Override
    RateLimiter limiter() {
        return limiter;
    }

    @Test
    void replicasShareTheCount() {
        String key = key("replicas");
        RateLimiter other = new RedisRateLimiter(otherReplica, "aitip:test:rl:");
        assertThat(limiter.acquire(key, 2, Duration.ofMinutes(1)).allowed()).isTrue();
        assertThat(other.acquire(key, 2, Duration.ofMinutes(1)).allowed()).isTrue();
        assertThat(limiter.acquire(key, 2, Duration.ofMinutes(1)).allowed()).isFalse();
        assertThat(other.acquire(key, 2, Duration.ofMinutes(1)).allowed()).isFalse();
    }
}
