package io.aitip.platform.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis fan-out when {@code aitip.redis.url} (AITIP_REDIS_URL) is set, the in-process bus otherwise. */
@Configuration(proxyBeanMethods = false)
public class EventBusConfig {

    @Bean(destroyMethod = "close")
    public EventBus eventBus(@Value("${aitip.redis.url:${AITIP_REDIS_URL:}}") String redisUrl) {
        if (redisUrl == null || redisUrl.isBlank()) {
            return new LocalEventBus();
        }
        return new RedisEventBus(redisUrl.trim());
    }
}
