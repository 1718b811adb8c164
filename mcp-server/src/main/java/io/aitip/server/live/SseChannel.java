package io.aitip.server.live;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE response with a bounded queue in front of it: events are queued by any thread and
 * written, in order, by one {@link LiveStreams} thread at a time. A client too slow to keep up
 * (queue full) is disconnected; it reconnects, with {@code Last-Event-ID} where the stream resumes.
 */
final class SseChannel {

    static final int MAX_QUEUED = 1000;
    /** Sends an SSE comment when nothing else went out for this many ticks (seconds). */
    static final int HEARTBEAT_TICKS = 15;

    private final SseEmitter emitter;
    private final LiveStreams streams;
    private final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int idleTicks;
    private volatile Runnable onClose = () -> { };

    SseChannel(SseEmitter emitter, LiveStreams streams) {
        this.emitter = emitter;
        this.streams = streams;
        emitter.onCompletion(this::closed);
        emitter.onTimeout(this::closed);
        emitter.onError(e -> closed());
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    boolean open() {
        return !closed.get();
    }

    void send(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            complete();
            return;
        }
        queue.add(event);
        drainSoon();
    }

    /** Counts a second; after {@link #HEARTBEAT_TICKS} quiet ones sends a comment so proxies keep the connection. */
    void tick() {
        if (++idleTicks >= HEARTBEAT_TICKS) {
            send(SseEmitter.event().comment("keep-alive"));
        }
    }

    /** Ends the stream after what is queued. */
    void complete() {
        queued.incrementAndGet();
        queue.add(END);
        drainSoon();
    }

    private static final SseEmitter.SseEventBuilder END = SseEmitter.event().comment("end");

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            streams.execute(this::drain);
        }
    }

    private void drain() {
        try {
            SseEmitter.SseEventBuilder next;
            while ((next = queue.poll()) != null) {
                queued.decrementAndGet();
                if (next == END) {
                    if (closed.compareAndSet(false, true)) {
                        emitter.complete();
                        onClose.run();
                    }
                    return;
                }
                if (!closed.get()) {
                    emitter.send(next);
                    idleTicks = 0;
                }
            }
        } catch (IOException | IllegalStateException e) {
            closed();
            emitter.completeWithError(e);
        } finally {
            draining.set(false);
            if (!queue.isEmpty() && !closed.get()) {
                drainSoon();
            }
        }
    }

    private void closed() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
