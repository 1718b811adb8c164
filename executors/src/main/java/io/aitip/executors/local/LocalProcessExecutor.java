package io.aitip.executors.local;

import io.aitip.executors.ExecutorProperties;
import io.aitip.platform.training.GpuPool;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobExecutor;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded default executor: each job is an OS process on this machine, GPUs are handed out by
 * device index through {@code CUDA_VISIBLE_DEVICES}, and jobs wait in {@code queued} (FIFO per GPU
 * type, at most {@code maxCpuJobs} CPU-only jobs at once) until their resources are free.
 * Processes outlive the server: on shutdown only the watchers stop, and {@link #recover()} picks
 * the jobs up again on the next start.
 */
@Component
@ConditionalOnProperty(name = "aitip.executor.kind", havingValue = "local", matchIfMissing = true)
public class LocalProcessExecutor implements JobExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalProcessExecutor.class);

    private final ExecutorProperties properties;
    private final TrainingJobStore jobs;
    private final JobStateMachine states;
    private final JobLogStore logs;
    private final GpuAllocator gpus;
    private final JobQueue queue = new JobQueue();
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final JobLauncher launcher;
    private final Scheduler scheduler;

    public LocalProcessExecutor(ExecutorProperties properties, TrainingJobStore jobs, JobStateMachine states,
                                JobLogStore logs) {
        this.properties = properties;
        this.jobs = jobs;
        this.states = states;
        this.logs = logs;
        this.gpus = new GpuAllocator(GpuInventory.detect(properties.gpus()));
        this.launcher = new JobLauncher(properties.home(), new ExampleTrainer(properties.home(), properties.javaBinary()));
        this.scheduler = new Scheduler(this::scheduleOnce);
        log.info("local executor: home {}, GPUs {}, {} CPU job(s) at once", properties.home(), gpus.pool().describe(),
                properties.maxCpuJobs());
    }

    @Override
    public void submit(TrainingJob job) {
        if (states.transition(job.id(), JobStatus.PENDING, JobStatus.QUEUED, JobChange.message(waitingMessage(job)))) {
            queue.add(job);
            scheduler.wake();
        }
    }

    @Override
    public void stop(TrainingJob job) {
        String message = "stopped by training_stop";
        if (queue.remove(job.id()) || job.status() == JobStatus.PENDING || job.status() == JobStatus.QUEUED) {
            if (states.end(job.id(), JobStatus.CANCELLED, JobChange.message(message))) {
                return;
            }
        }
        TrainingJob now = jobs.findById(job.id()).orElse(job);
        if (now.status() != JobStatus.RUNNING
                || !states.transition(now.id(), JobStatus.RUNNING, JobStatus.CANCELLED, JobChange.message(message))) {
            states.end(now.id(), JobStatus.CANCELLED, JobChange.message(message));
            return;
        }
        RunningJob watcher = running.get(now.id());
        if (watcher != null) {
            watcher.terminate();
        } else {
            ProcessTree.find(now.pid(), now.pidStartedAt()).ifPresent(p -> ProcessTree.terminate(p, properties.stopGrace()));
            gpus.release(now.id());
        }
    }

    @Override
    public synchronized void recover() {
        for (TrainingJob job : jobs.live()) {
            if (running.containsKey(job.id()) || queue.contains(job.id())) {
                continue;
            }
            switch (job.status()) {
                case RUNNING -> recoverRunning(job);
                case PENDING -> submit(job);
                case QUEUED -> queue.add(job);
                default -> { }
            }
        }
        scheduler.wake();
    }

    private void recoverRunning(TrainingJob job) {
        var process = ProcessTree.find(job.pid(), job.pidStartedAt());
        RunningJob watcher = watcher(job, process.orElse(ProcessHandle.current()), job.startedAt());
        if (process.isPresent()) {
            log.info("re-attached to running job {} (pid {})", job.id(), job.pid());
            gpus.reserve(job.id(), GpuAllocator.parse(job.assignedGpus()));
            running.put(job.id(), watcher);
            watcher.start();
        } else {
            log.info("job {} ended while the server was down; settling it", job.id());
            watcher.settle(true);
        }
    }

    @Override
    public GpuPool pool() {
        return gpus.pool();
    }

    /** The GPU allocator, shared with the local inference executor so both schedule onto the same devices. */
    GpuAllocator gpuAllocator() {
        return gpus;
    }

    /** Someone else (an inference replica) freed GPUs: queued jobs may start now. */
    void gpusFreed() {
        scheduler.wake();
    }

    /** Jobs waiting for resources now, in queue order (for tests and diagnostics). */
    public List<String> waiting() {
        return queue.snapshot().stream().map(TrainingJob::id).toList();
    }

    private synchronized void scheduleOnce() {
        java.util.Set<String> blocked = new java.util.HashSet<>();
        for (TrainingJob job : queue.snapshot()) {
            String key = job.queueKey();
            if (blocked.contains(key)) {
                continue;
            }
            List<Integer> devices = List.of();
            if (job.gpuCount() == 0) {
                long cpuJobs = running.values().stream().filter(r -> r.job().gpuCount() == 0).count();
                if (cpuJobs >= properties.maxCpuJobs()) {
                    blocked.add(key);
                    continue;
                }
            } else {
                var got = gpus.allocate(job.gpuType(), job.gpuCount(), job.id());
                if (got.isEmpty()) {
                    blocked.add(key);
                    continue;
                }
                devices = got.get();
            }
            queue.remove(job.id());
            launch(job, devices);
        }
    }

    private void launch(TrainingJob job, List<Integer> devices) {
        String visible = GpuAllocator.format(devices);
        Process process;
        try {
            process = launcher.start(job, visible);
        } catch (Exception e) {
            gpus.release(job.id());
            states.transition(job.id(), JobStatus.QUEUED, JobStatus.FAILED,
                    JobChange.message("could not start the process: " + e.getMessage()));
            return;
        }
        ProcessHandle handle = process.toHandle();
        Instant started = handle.info().startInstant().orElse(Instant.now());
        String work = launcher.workDir(job.id()).toString();
        JobChange change = JobChange.message("running" + (devices.isEmpty() ? " on CPU" : " on GPU " + visible))
                .process(handle.pid(), started, work).assignedGpus(devices.isEmpty() ? null : visible);
        if (!states.transition(job.id(), JobStatus.QUEUED, JobStatus.RUNNING, change)) {
            ProcessTree.terminate(handle, properties.stopGrace()); // cancelled while it was being started
            gpus.release(job.id());
            return;
        }
        RunningJob watcher = watcher(jobs.findById(job.id()).orElse(job), handle, Instant.now());
        running.put(job.id(), watcher);
        watcher.start();
    }

    private RunningJob watcher(TrainingJob job, ProcessHandle process, Instant startedAt) {
        return new RunningJob(job, process, launcher.workDir(job.id()), logs.lastSeq(job.id()) + 1,
                startedAt == null ? Instant.now() : startedAt, logs, states, properties.stopGrace(), this::ended);
    }

    private void ended(RunningJob watcher) {
        running.remove(watcher.job().id(), watcher);
        gpus.release(watcher.job().id());
        scheduler.wake();
    }

    private String waitingMessage(TrainingJob job) {
        return job.gpuCount() == 0 ? "waiting for a CPU slot"
                : "waiting for " + job.gpuCount() + " " + job.gpuType() + " GPU" + (job.gpuCount() == 1 ? "" : "s");
    }

    /** Stops scheduling and watching; running processes are left alone for the next start to re-attach. */
    @Override
    @PreDestroy
    public void close() {
        scheduler.close();
        running.values().forEach(RunningJob::detach);
        running.clear();
    }
}
