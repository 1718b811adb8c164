package io.aitip.server.live;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.LogLine;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams one job's stored log lines over SSE, each as event {@code log} with id = its seq, so a
 * client that reconnects with {@code Last-Event-ID} resumes after the last line it saw: nothing
 * missed, nothing twice. The store is the source of truth; bus events for the job ({@code job.logs},
 * {@code job.status}, from any replica) only wake the follower early, and a tick re-reads it every
 * second anyway, so a lost event or an unreachable Redis costs latency, never lines. In follow mode
 * the stream ends with an {@code end} event once the job has ended and every line was sent.
 */
final class JobLogFollower implements LiveStreams.Ticking {

    static final int BATCH = 500;

    private final String jobId;
    private final boolean follow;
    private final JobLogStore logs;
    private final TrainingJobStore jobs;
    private final SseChannel channel;
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final LiveStreams streams;
    private final EventBus.Subscription subscription;
    private long lastSeq;
    private volatile boolean done;

    JobLogFollower(String jobId, long afterSeq, boolean follow, JobLogStore logs, TrainingJobStore jobs,
                   SseChannel channel, LiveStreams streams, EventBus events) {
        this.jobId = jobId;
        this.lastSeq = afterSeq;
        this.follow = follow;
        this.logs = logs;
        this.jobs = jobs;
        this.channel = channel;
        this.streams = streams;
        this.subscription = follow ? events.subscribe(e -> jobId.equals(e.subject()) && e.area().equals("job"),
                e -> wake()) : () -> { };
        channel.onClose(this::stop);
        if (follow) {
            streams.add(this);
        }
        wake();
    }

    void wake() {
        again.set(true);
        if (pumping.compareAndSet(false, true)) {
            streams.execute(this::pump);
        }
    }

    @Override
    public void tick() {
        channel.tick();
        wake();
    }

    private void pump() {
        try {
            while (again.getAndSet(false) && channel.open() && !done) {
                boolean ended = jobs.findById(jobId).map(TrainingJob::status).map(s -> s.terminal()).orElse(true);
                // lines first, then the end: a job's last lines are stored before it moves to its end state
                List<LogLine> batch;
                do {
                    batch = logs.after(jobId, lastSeq, null, BATCH);
                    for (LogLine line : batch) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("seq", line.seq());
                        data.put("at", line.at().toString());
                        data.put("line", line.line());
                        channel.send(SseEmitter.event().id(Long.toString(line.seq())).name("log").data(data,
                                MediaType.APPLICATION_JSON));
                        lastSeq = line.seq();
                    }
                } while (batch.size() == BATCH && channel.open());
                if (!follow || ended) {
                    TrainingJob job = jobs.findById(jobId).orElse(null);
                    Map<String, Object> end = new LinkedHashMap<>();
                    end.put("job_id", jobId);
                    end.put("status", job == null ? null : job.status().wire());
                    end.put("status_message", job == null ? null : job.statusMessage());
                    end.put("last_seq", lastSeq);
                    channel.send(SseEmitter.event().name(ended ? "end" : "snapshot_end").data(end, MediaType.APPLICATION_JSON));
                    done = true;
                    channel.complete();
                    return;
                }
            }
        } finally {
            pumping.set(false);
            if (again.get() && channel.open()) {
                wake();
            }
        }
    }

    private void stop() {
        streams.remove(this);
        subscription.close();
    }
}
