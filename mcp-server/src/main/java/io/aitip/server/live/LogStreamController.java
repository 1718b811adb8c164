package io.aitip.server.live;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.server.web.ApiErrors;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/training/jobs/{id}/logs} as Server-Sent Events: chosen by
 * {@code Accept: text/event-stream} or {@code ?follow=true} (the plain JSON page stays on
 * {@code TrainingRoutes}). Access is decided by calling {@code training_get} through the pipeline
 * (RBAC, tenancy, audit); then the stored lines stream, resumable with {@code Last-Event-ID}.
 */
@RestController
public class LogStreamController {

    /** A stream lasts at most this long; the client reconnects with Last-Event-ID and loses nothing. */
    static final Duration MAX_STREAM = Duration.ofMinutes(30);

    private final InvocationPipeline pipeline;
    private final JobLogStore logs;
    private final TrainingJobStore jobs;
    private final LiveStreams streams;
    private final EventBus events;

    public LogStreamController(InvocationPipeline pipeline, JobLogStore logs, TrainingJobStore jobs, LiveStreams streams,
                               EventBus events) {
        this.pipeline = pipeline;
        this.logs = logs;
        this.jobs = jobs;
        this.streams = streams;
        this.events = events;
    }

    @GetMapping(path = "/api/v1/training/jobs/{id}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> stream(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                    @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                    @RequestParam(defaultValue = "false") boolean follow,
                                    @RequestParam(name = "tail", required = false) Integer tail,
                                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                    HttpServletResponse response) throws IOException {
        return open(principal, trace, id, follow, tail, lastEventId, response);
    }

    @GetMapping(path = "/api/v1/training/jobs/{id}/logs", params = "follow=true")
    public ResponseEntity<SseEmitter> follow(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                    @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                    @RequestParam(name = "tail", required = false) Integer tail,
                                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                    HttpServletResponse response) throws IOException {
        return open(principal, trace, id, true, tail, lastEventId, response);
    }

    private ResponseEntity<SseEmitter> open(Principal principal, String trace, String id, boolean follow, Integer tail,
                                   String lastEventId, HttpServletResponse response) throws IOException {
        ExecutionResult access = pipeline.invoke(new Invocation(principal, Door.REST, "training_get",
                Json.tree(Map.of("job_id", id)), null, false, false, null, null, null, null, trace));
        if (access.error() != null) {
            // written here: the client asked for an event stream, which an error body is not
            ApiErrors.write(response, ApiErrors.status(access.error().code()), access.error().code(),
                    access.error().message());
            return null;
        }
        String jobId = access.result().path("job_id").asString();
        long after;
        try {
            after = resumeAfter(jobId, tail, lastEventId);
        } catch (ToolException e) {
            ApiErrors.write(response, 400, e.error().code(), e.error().message());
            return null;
        }
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        SseChannel channel = new SseChannel(emitter, streams);
        new JobLogFollower(jobId, after, follow, logs, jobs, channel, streams, events);
        return ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                .contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    /** The seq to start after: Last-Event-ID wins, else the last {@code tail} lines, else from the first line. */
    private long resumeAfter(String jobId, Integer tail, String lastEventId) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(lastEventId.trim()));
            } catch (NumberFormatException e) {
                throw ToolException.invalid("/headers/Last-Event-ID", "Last-Event-ID must be the id (a line number) "
                        + "of the last event received.");
            }
        }
        if (tail != null && tail >= 0) {
            return Math.max(0, logs.lastSeq(jobId) - tail);
        }
        return 0;
    }
}
