package io.aitip.server.live;

import io.aitip.platform.events.EventBus;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/events}: the caller's org's live events as Server-Sent Events (job status
 * moves and log wake-ups, execution status, approvals), from every replica when Redis is
 * configured. Filters: {@code types} (comma separated patterns such as {@code job.*}),
 * {@code job_id} or {@code execution_id}. Live only: a client that reconnects reads current state
 * from the REST routes (the durable record of what happened is the webhook outbox).
 */
@RestController
public class EventStreamController {

    static final Duration MAX_STREAM = Duration.ofMinutes(30);

    private final EventBus events;
    private final LiveStreams streams;

    public EventStreamController(EventBus events, LiveStreams streams) {
        this.events = events;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/events", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<SseEmitter> stream(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestParam(required = false) String types,
                                             @RequestParam(name = "job_id", required = false) String jobId,
                                             @RequestParam(name = "execution_id", required = false) String executionId) {
        EventFilter filter = EventFilter.of(principal.orgId(), types, jobId != null ? jobId : executionId);
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        SseChannel channel = new SseChannel(emitter, streams);
        LiveStreams.Ticking heartbeat = channel::tick;
        EventBus.Subscription subscription = events.subscribe(filter, e -> channel.send(SseEmitter.event().id(e.id())
                .name(e.type()).data(EventFilter.body(e), MediaType.APPLICATION_JSON)));
        channel.onClose(() -> {
            subscription.close();
            streams.remove(heartbeat);
        });
        streams.add(heartbeat);
        // tells the client the subscription is in place: events from now on reach it
        channel.send(SseEmitter.event().name("ready").data(java.util.Map.of("org_id", principal.orgId()),
                MediaType.APPLICATION_JSON));
        return ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                .contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }
}
