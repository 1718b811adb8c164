package io.aitip.platform.events;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Live events inside a replica, and across replicas where a shared transport is configured
 * ({@link RedisEventBus} when {@code AITIP_REDIS_URL} is set, {@link LocalEventBus} otherwise).
 * Delivery is best effort and at most once: watchers that must not miss anything re-read the
 * store (see {@code JobLogStream}); the durable path is the webhook outbox.
 */
public interface EventBus extends AutoCloseable {

    /** Hands the event to every matching subscriber of this replica, and to the other replicas. */
    void publish(LiveEvent event);

    /**
     * Registers a listener for the events {@code filter} accepts. The listener runs on the bus's
     * dispatch thread: it must hand work off, never block.
     */
    Subscription subscribe(Predicate<LiveEvent> filter, Consumer<LiveEvent> listener);

    /** How the bus stands, for {@code /readyz}. */
    BusHealth health();

    /** Stops dispatching and disconnects from the shared transport. */
    @Override
    void close();

    /** Ends a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param transport {@code local} or {@code redis}
     * @param up        false when the shared transport is unreachable (local subscribers still get events)
     * @param detail    what is wrong, for operators; null when up
     */
    record BusHealth(String transport, boolean up, String detail) {
    }
}
