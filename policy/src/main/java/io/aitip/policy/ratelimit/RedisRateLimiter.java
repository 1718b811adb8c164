package io.aitip.policy.ratelimit;

import java.time.Duration;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.LongCodec;

/**
 * Fixed windows in Redis, shared by every replica: one Lua script per call increments the window's
 * counter, sets its expiry on the first call and answers the count and the time left, in one round
 * trip and atomically. The window is the server's clock (Redis TIME), so replicas agree on it.
 */
public final class RedisRateLimiter implements RateLimiter {

    private static final String SCRIPT = """
            local now = redis.call('TIME')
            local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local length = tonumber(ARGV[1])
            local start = millis - (millis % length)
            local key = KEYS[1] .. ':' .. start
            local count = redis.call('INCR', key)
            if count == 1 then redis.call('PEXPIRE', key, length) end
            return {count, start + length - millis}
            """;

    private final RedissonClient redis;
    private final String prefix;

    public RedisRateLimiter(RedissonClient redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public Permit acquire(String key, int limit, Duration window) {
        List<Long> answer = redis.getScript(LongCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, SCRIPT,
                RScript.ReturnType.LIST, List.of(prefix + key), window.toMillis());
        long count = answer.get(0);
        if (count <= limit) {
            return new Permit(true, count, Duration.ZERO);
        }
        return new Permit(false, count, Duration.ofMillis(answer.get(1)));
    }
}
