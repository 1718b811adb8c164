package io.aitip.platform.inference;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies in log-spaced buckets (each 10 % wider than the last, from 0.1 ms to ten
 * minutes): constant memory and lock-free recording, percentiles within 10 %.
 */
final class LatencyHistogram {

    private static final double FIRST_MS = 0.1;
    private static final double GROWTH = 1.1;
    private static final int BUCKETS = (int) Math.ceil(Math.log(600_000 / FIRST_MS) / Math.log(GROWTH)) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong maxMicros = new AtomicLong();

    void record(long nanos) {
        double ms = nanos / 1e6;
        int bucket = ms <= FIRST_MS ? 0 : (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / FIRST_MS) / Math.log(GROWTH)));
        counts.incrementAndGet(bucket);
        total.incrementAndGet();
        maxMicros.accumulateAndGet(nanos / 1000, Math::max);
    }

    /** Adds another histogram's requests to this one (for totals over versions). */
    void addAll(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts.addAndGet(i, other.counts.get(i));
        }
        total.addAndGet(other.total.get());
        maxMicros.accumulateAndGet(other.maxMicros.get(), Math::max);
    }

    long count() {
        return total.get();
    }

    /** The latency in ms below which {@code q} (0–1) of requests fell; null before the first request. */
    Double percentile(double q) {
        long n = total.get();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                double upper = FIRST_MS * Math.pow(GROWTH, i);
                return round(Math.min(upper, maxMicros.get() / 1000.0));
            }
        }
        return round(maxMicros.get() / 1000.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
