package io.aitip.executors.local;

import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.MetricPoint;
import io.aitip.platform.training.TrainingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one running job on its own thread: copies new {@code output.log} lines (and the metrics in
 * them) into the store every 200 ms, enforces {@code max_runtime_minutes}, and when the process ends
 * settles the job from its {@code exit_code} file: 0 → succeeded (with the newest checkpoint), else failed.
 */
final class RunningJob {

    private static final Logger log = LoggerFactory.getLogger(RunningJob.class);
    private static final long POLL_MILLIS = 200;

    private final TrainingJob job;
    private final ProcessHandle process;
    private final Path work;
    private final OutputTailer tailer;
    private final MetricLines metrics = new MetricLines(0);
    private final JobLogStore logs;
    private final JobStateMachine states;
    private final Duration grace;
    private final Instant startedAt;
    private final Consumer<RunningJob> onEnd;
    private final Thread thread;
    private long nextSeq;
    private volatile boolean stopping;
    private volatile boolean detached;
    private volatile String failure;

    RunningJob(TrainingJob job, ProcessHandle process, Path work, long nextSeq, Instant startedAt, JobLogStore logs,
               JobStateMachine states, Duration grace, Consumer<RunningJob> onEnd) {
        this.job = job;
        this.process = process;
        this.work = work;
        this.tailer = new OutputTailer(work.resolve(JobLauncher.OUTPUT), job.logOffset());
        this.nextSeq = nextSeq;
        this.startedAt = startedAt;
        this.logs = logs;
        this.states = states;
        this.grace = grace;
        this.onEnd = onEnd;
        this.thread = new Thread(this::watch, "job-" + job.id());
        this.thread.setDaemon(true);
    }

    TrainingJob job() {
        return job;
    }

    void start() {
        thread.start();
    }

    /** Stops the process tree (the job is already cancelled) and waits until the watcher settled. */
    void terminate() {
        stopping = true;
        ProcessTree.terminate(process, grace);
        join(grace.plusSeconds(10));
    }

    /** Stops watching without touching the process: a server shutting down leaves jobs running. */
    void detach() {
        detached = true;
        thread.interrupt();
        join(Duration.ofSeconds(5));
    }

    private void watch() {
        try {
            while (!detached) {
                pumpQuietly(false);
                if (!ProcessTree.alive(process)) {
                    settle(false);
                    return;
                }
                Integer limit = job.maxRuntimeMinutes();
                if (limit != null && failure == null && Instant.now().isAfter(startedAt.plus(Duration.ofMinutes(limit)))) {
                    failure = "ran longer than max_runtime_minutes=" + limit + " and was terminated";
                    ProcessTree.terminate(process, grace);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("watcher of {} failed; the job is settled by the next recover()", job.id(), e);
        }
    }

    /**
     * Copies the rest of the log and records how the process ended. {@code afterRestart}: the process
     * ended while no server watched it.
     */
    void settle(boolean afterRestart) {
        while (pumpQuietly(true)) {
            // drain everything written before the exit
        }
        try {
            if (stopping) {
                return;
            }
            Integer code = exitCode();
            String when = afterRestart ? " while the server was down" : "";
            JobChange change;
            JobStatus to;
            if (failure != null) {
                to = JobStatus.FAILED;
                change = JobChange.message(failure).exitCode(code);
            } else if (code == null) {
                to = JobStatus.FAILED;
                change = JobChange.message(afterRestart ? "process lost while the server was down (no exit status); "
                        + "see training_logs and resubmit" : "the process ended without an exit status (killed by a "
                        + "signal?); see training_logs");
            } else if (code == 0) {
                to = JobStatus.SUCCEEDED;
                change = JobChange.message("finished" + when).exitCode(0).checkpointPath(newestCheckpoint());
            } else {
                to = JobStatus.FAILED;
                change = JobChange.message("exited with code " + code + when + "; see training_logs for the error")
                        .exitCode(code);
            }
            states.transition(job.id(), JobStatus.RUNNING, to, change);
        } finally {
            onEnd.accept(this);
        }
    }

    private boolean pumpQuietly(boolean finalRead) {
        try {
            List<String> lines = tailer.read(finalRead);
            if (lines.isEmpty()) {
                return false;
            }
            List<MetricPoint> points = new ArrayList<>();
            lines.forEach(line -> points.addAll(metrics.parse(line)));
            logs.append(job.id(), nextSeq, lines, points, tailer.offset());
            nextSeq += lines.size();
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot copy the output of {}: {}", job.id(), e.toString());
            return false;
        }
    }

    private Integer exitCode() {
        try {
            Path file = work.resolve(JobLauncher.EXIT_CODE);
            return Files.exists(file) ? Integer.valueOf(Files.readString(file).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private String newestCheckpoint() {
        Path dir = work.resolve(JobLauncher.CHECKPOINTS);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.max(Comparator.comparing((Path p) -> p.toFile().lastModified()).thenComparing(Path::toString))
                    .map(Path::toString).orElse(null);
        } catch (IOException e) {
            return dir.toString();
        }
    }

    private void join(Duration timeout) {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
