package io.aitip.server.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The threads behind every live stream (SSE and WebSocket) of this replica: they write to clients,
 * so the event bus's dispatch thread never waits on a slow one, and they tick every open stream
 * once a second (log followers re-read the store, idle streams send a heartbeat).
 */
@Component
public class LiveStreams implements AutoCloseable {

    /** Something that wants a tick every second while it is open. */
    interface Ticking {
        void tick();
    }

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "live-streams");
        t.setDaemon(true);
        return t;
    });
    private final Set<Ticking> open = ConcurrentHashMap.newKeySet();

    public LiveStreams() {
        threads.scheduleWithFixedDelay(() -> open.forEach(t -> {
            try {
                t.tick();
            } catch (RuntimeException ignored) {
                // a stream that fails closes itself
            }
        }), 1, 1, TimeUnit.SECONDS);
    }

    void execute(Runnable task) {
        threads.execute(task);
    }

    void add(Ticking stream) {
        open.add(stream);
    }

    void remove(Ticking stream) {
        open.remove(stream);
    }

    /** Open streams now (for tests and metrics). */
    public int openStreams() {
        return open.size();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
