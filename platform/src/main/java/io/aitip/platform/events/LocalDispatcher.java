package io.aitip.platform.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one replica and the thread that calls them, so a publisher (a job's state
 * move, a log tailer) never waits on a watcher. A full queue drops the event and counts it:
 * watchers recover from the store, publishers must not stall.
 */
final class LocalDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalDispatcher.class);

    private record Subscriber(Predicate<LiveEvent> filter, Consumer<LiveEvent> listener) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(100_000), r -> {
                Thread t = new Thread(r, "live-events");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> { });

    void dispatch(LiveEvent event) {
        if (subscribers.isEmpty()) {
            return;
        }
        thread.execute(() -> {
            for (Subscriber s : subscribers) {
                try {
                    if (s.filter().test(event)) {
                        s.listener().accept(event);
                    }
                } catch (RuntimeException e) {
                    log.warn("live event listener failed on {}: {}", event.type(), e.toString());
                }
            }
        });
    }

    EventBus.Subscription add(Predicate<LiveEvent> filter, Consumer<LiveEvent> listener) {
        Subscriber subscriber = new Subscriber(filter, listener);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    int size() {
        return subscribers.size();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
