package io.aitip.policy.ratelimit;

import io.aitip.tools.pipeline.CallLimiter;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limiter: in Redis when AITIP_REDIS_URL is set (counts shared by every replica), in this
 * process otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /**
     * A Redisson client for {@code aitip.redis.url} ({@code redis://host:port}); none when Redis cannot
     * be reached at start. The server then counts in this process (each replica on its own) rather
     * than refuse to start: live events degrade the same way and /readyz says so.
     */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnExpression("'${aitip.redis.url:}' != ''")
    public RedissonClient redisson(@Value("${aitip.redis.url}") String url) {
        Config config = new Config();
        config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(2).setConnectionPoolSize(16)
                .setConnectTimeout(2000).setRetryAttempts(1);
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            log.warn("rate limits cannot reach Redis ({}); counting in this process until restart", e.getMessage());
            return null;
        }
    }

    @Bean
    public CallLimiter callLimiter(ObjectProvider<RedissonClient> redis, RateLimitProperties properties) {
        RedissonClient client = redis.getIfAvailable();
        if (client != null) {
            log.info("rate limits in Redis (shared across replicas)");
            return new PolicyCallLimiter(new RedisRateLimiter(client, "aitip:rl:"), properties);
        }
        return new PolicyCallLimiter(new InProcessRateLimiter(), properties);
    }
}
