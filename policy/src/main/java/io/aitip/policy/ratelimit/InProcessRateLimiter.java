package io.aitip.policy.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Fixed windows in this JVM: one counter per key and window, dropped once the window is over. */
public final class InProcessRateLimiter implements RateLimiter {

    private record Window(long startMillis, AtomicLong count) {
    }

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final AtomicLong calls = new AtomicLong();

    public InProcessRateLimiter() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds (tests move it) */
    public InProcessRateLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public Permit acquire(String key, int limit, Duration window) {
        long now = clock.getAsLong();
        long length = window.toMillis();
        long start = now - Math.floorMod(now, length);
        Window current = windows.compute(key, (k, w) -> w == null || w.startMillis() != start
                ? new Window(start, new AtomicLong()) : w);
        long count = current.count().incrementAndGet();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            windows.values().removeIf(w -> w.startMillis() + length <= now);
        }
        if (count <= limit) {
            return new Permit(true, count, Duration.ZERO);
        }
        return new Permit(false, count, Duration.ofMillis(start + length - now));
    }
}
