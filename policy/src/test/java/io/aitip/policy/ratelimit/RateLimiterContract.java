package io.aitip.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} must do; each implementation's test extends this suite. */
abstract class RateLimiterContract {

    abstract RateLimiter limiter();

    /** A key no other test (or earlier run against a shared Redis) used. */
    static String key(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void allowsUpToTheLimitThenRefusesWithTheTimeLeftInTheWindow() {
        String key = key("limit");
        Duration window = Duration.ofMinutes(1);
        for (int i = 1; i <= 5; i++) {
            RateLimiter.Permit permit = limiter().acquire(key, 5, window);
            assertThat(permit.allowed()).as("call " + i).isTrue();
            assertThat(permit.count()).isEqualTo(i);
        }
        RateLimiter.Permit refused = limiter().acquire(key, 5, window);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(window);
    }

    @Test
    void keysAreCountedApart() {
        String a = key("a");
        String b = key("b");
        assertThat(limiter().acquire(a, 1, Duration.ofMinutes(1)).allowed()).isTrue();
        assertThat(limiter().acquire(a, 1, Duration.ofMinutes(1)).allowed()).isFalse();
        assertThat(limiter().acquire(b, 1, Duration.ofMinutes(1)).allowed()).isTrue();
    }

    @Test
    void theNextWindowStartsAfresh() throws InterruptedException {
        String key = key("window");
        Duration window = Duration.ofMillis(400);
        RateLimiter.Permit refused;
        do {
            // a window boundary may fall between the calls; repeat until two calls land in the same window
            assertThat(limiter().acquire(key, 1, window).allowed()).isTrue();
            refused = limiter().acquire(key, 1, window);
        } while (refused.allowed());
        Thread.sleep(refused.retryAfter().toMillis() + 20);
        assertThat(limiter().acquire(key, 1, window).allowed()).isTrue();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheLimit() throws Exception {
        String key = key("race");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> allowed = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                allowed.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 25; i++) {
                        if (limiter().acquire(key, 100, Duration.ofMinutes(1)).allowed()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : allowed) {
                total += f.get();
            }
            assertThat(total).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}
