package io.aitip.platform.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff from {@code initial} (1 s, 2 s, 4 s, …),
 * capped at {@code max} (1 h), plus up to {@code jitter} of the delay at random so that receivers
 * coming back are not hit by every retry at once. A delivery keeps being retried until
 * {@code giveUpAfter} (24 h) has passed since it was queued, then it is dead.
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter, double jitter, DoubleSupplier random) {

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24), 0.1, Math::random);
    }

    /** The delay after the {@code attempts}-th failed attempt (1-based). */
    public Duration delayAfter(int attempts) {
        long base = initial.toMillis();
        int doublings = Math.max(0, attempts - 1);
        long delay = doublings >= 40 ? max.toMillis() : Math.min(max.toMillis(), base << Math.min(doublings, 40));
        long spread = (long) (delay * jitter * random.getAsDouble());
        // below the cap the jitter adds, at the cap it takes away: never more than max
        return Duration.ofMillis(delay < max.toMillis() ? Math.min(max.toMillis(), delay + spread) : delay - spread);
    }

    /** Whether a delivery queued at {@code queuedAt} that just failed at {@code now} is out of time. */
    public boolean exhausted(Instant queuedAt, Instant now) {
        return !now.isBefore(queuedAt.plus(giveUpAfter));
    }
}
