package io.aitip.platform.events;

import java.util.function.Consumer;
import java.util.function.Predicate;

/** The in-process bus of a single replica (the embedded default, or no {@code AITIP_REDIS_URL}). */
public final class LocalEventBus implements EventBus, AutoCloseable {

    private final LocalDispatcher local = new LocalDispatcher();

    @Override
    public void publish(LiveEvent event) {
        local.dispatch(event);
    }

    @Override
    public Subscription subscribe(Predicate<LiveEvent> filter, Consumer<LiveEvent> listener) {
        return local.add(filter, listener);
    }

    @Override
    public BusHealth health() {
        return new BusHealth("local", true, null);
    }

    @Override
    public void close() {
        local.close();
    }
}
