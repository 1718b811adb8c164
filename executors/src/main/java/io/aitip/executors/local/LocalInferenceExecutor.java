package io.aitip.executors.local;

import io.aitip.platform.support.BundledProgram;
import io.aitip.executors.ExecutorProperties;
import io.aitip.executors.InferenceProperties;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.InferenceRuntime;
import io.aitip.platform.inference.Replica;
import io.aitip.platform.inference.ReplicaStatus;
import io.aitip.platform.inference.ServiceStatus;
import io.aitip.platform.training.GpuPool;
import jakarta.annotation.PreDestroy;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Inference replicas as OS processes on this machine, with GPUs from the same allocator as training
 * jobs. One supervisor thread starts replicas, waits until each answers its health check (→ ready),
 * and restarts a replica whose process dies (with backoff, up to {@code maxRestarts}; then it fails,
 * and a service that has no replica left or was still deploying fails with it). Processes outlive
 * the server, each in its own session: {@link #recover()} re-attaches to them on the next start and
 * restarts those that died meanwhile.
 */
@Component
@ConditionalOnProperty(name = "aitip.executor.kind", havingValue = "local", matchIfMissing = true)
public class LocalInferenceExecutor implements InferenceExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInferenceExecutor.class);
    static final String OUTPUT = "output.log";
    private static final long TICK_MS = 200;
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> new File(path).canExecute()).findFirst();

    private final ExecutorProperties executorProperties;
    private final InferenceProperties properties;
    private final DeploymentStore store;
    private final DeploymentLifecycle lifecycle;
    private final LocalProcessExecutor training;
    private final GpuAllocator gpus;
    private final RuntimeCommands commands;
    private final HealthProbe probe = new HealthProbe();
    private final ScheduledExecutorService supervisor;
    private final Map<String, WatchedReplica> watched = new ConcurrentHashMap<>();

    public LocalInferenceExecutor(ExecutorProperties executorProperties, InferenceProperties properties,
                                  DeploymentStore store, DeploymentLifecycle lifecycle, LocalProcessExecutor training) {
        this.executorProperties = executorProperties;
        this.properties = properties;
        this.store = store;
        this.lifecycle = lifecycle;
        this.training = training;
        this.gpus = training.gpuAllocator();
        this.commands = new RuntimeCommands(new BundledProgram("/runtime/TinyChatServer.java", "TinyChatServer",
                executorProperties.home().resolve("runtime"), executorProperties.javaBinary()),
                properties.builtinJvmOptions(), properties.runtimePath());
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aitip-inference-supervisor");
            t.setDaemon(true);
            return t;
        });
        supervisor.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> unavailable(InferenceRuntime runtime) {
        return commands.unavailable(runtime);
    }

    @Override
    public GpuPool pool() {
        return gpus.pool();
    }

    @Override
    public void start(Deployment service, Replica replica) {
        supervisor.execute(() -> launch(service, replica));
    }

    @Override
    public void terminate(Replica replica) {
        WatchedReplica w = watched.remove(replica.id());
        Optional<ProcessHandle> process = w != null ? Optional.of(w.process)
                : ProcessTree.find(replica.pid(), replica.pidStartedAt());
        process.ifPresent(p -> ProcessTree.terminate(p, executorProperties.stopGrace()));
        release(replica.id());
    }

    /** Replicas watched now (for tests and diagnostics). */
    public Set<String> watching() {
        return Set.copyOf(watched.keySet());
    }

    /** Runs on the caller's thread, so the GPUs of running replicas are held again before training recovers. */
    @Override
    public synchronized void recover() {
        Set<String> services = new LinkedHashSet<>();
        for (Replica r : store.liveReplicas()) {
            if (watched.containsKey(r.id())) {
                continue;
            }
            Deployment service = store.findById(r.serviceId()).orElse(null);
            Optional<ProcessHandle> process = ProcessTree.find(r.pid(), r.pidStartedAt());
            if (service == null || !service.status().live()) {
                lifecycle.stopReplicas(List.of(r), "its service had ended");
                process.ifPresent(p -> ProcessTree.terminate(p, executorProperties.stopGrace()));
                continue;
            }
            services.add(service.id());
            if (process.isPresent()) {
                log.info("re-attached to inference replica {} (pid {})", r.id(), r.pid());
                gpus.reserve(r.id(), GpuAllocator.parse(r.assignedGpus()));
                RuntimeCommands.Launch how = probeOf(service, r.port());
                WatchedReplica w = new WatchedReplica(service, r, process.get(), null, Path.of(r.workDir()), how,
                        Instant.now().plus(properties.readyTimeout()));
                w.ready = r.status() == ReplicaStatus.READY;
                watched.put(r.id(), w);
            } else if (r.pid() == null) {
                launch(service, r);
            } else if (lifecycle.replicaRestarting(r.id(), "process lost while the server was down; restarting")) {
                launch(service, store.replica(r.id()).orElse(r));
            }
        }
        services.forEach(lifecycle::settle);
    }

    /** How a re-attached replica is probed: its known port and its runtime's health route. */
    private static RuntimeCommands.Launch probeOf(Deployment service, Integer port) {
        String health = switch (service.runtime()) {
            case TRITON -> "/v2/health/ready";
            case TORCHSERVE -> "/ping";
            default -> "/health";
        };
        return new RuntimeCommands.Launch(List.of(), port, health, service.runtime() == InferenceRuntime.BUILTIN);
    }

    private void launch(Deployment service, Replica replica) {
        Path work = executorProperties.home().resolve("services").resolve(service.id()).resolve(replica.id());
        List<Integer> devices = List.of();
        if (service.gpuCount() > 0) {
            Optional<List<Integer>> got = gpus.allocate(service.gpuType(), service.gpuCount(), replica.id());
            if (got.isEmpty()) {
                fail(replica, "the " + service.gpuCount() + " " + service.gpuType() + " GPU(s) it needs are held by "
                        + "other work");
                return;
            }
            devices = got.get();
        }
        String visible = GpuAllocator.format(devices);
        Process process;
        RuntimeCommands.Launch how;
        try {
            Files.createDirectories(work);
            Path output = work.resolve(OUTPUT);
            if (Files.exists(output)) {
                Files.move(output, work.resolve(OUTPUT + ".previous"), StandardCopyOption.REPLACE_EXISTING);
            }
            how = commands.launch(service, replica, work);
            List<String> argv = new ArrayList<>();
            SETSID.ifPresent(argv::add); // own session: Ctrl-C on the server's terminal does not reach replicas
            argv.addAll(how.argv());
            ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AITIP_")); // the server's settings and secrets stay out
            env.put("CUDA_VISIBLE_DEVICES", visible);
            env.put("AITIP_SERVICE_ID", service.id());
            env.put("AITIP_REPLICA_ID", replica.id());
            env.put("AITIP_MODEL", service.modelName());
            env.put("AITIP_MODEL_VERSION", replica.version());
            if (replica.artifactUri() != null) {
                env.put("AITIP_ARTIFACT_URI", replica.artifactUri());
            }
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            release(replica.id());
            fail(replica, "could not start its process: " + e.getMessage());
            return;
        }
        ProcessHandle handle = process.toHandle();
        Instant started = handle.info().startInstant().orElse(Instant.now());
        if (!lifecycle.replicaLaunched(replica.id(), handle.pid(), started, work.toString(),
                devices.isEmpty() ? null : visible, how.port(), "starting: process " + handle.pid()
                        + (devices.isEmpty() ? " on CPU" : " on GPU " + visible))) {
            ProcessTree.terminate(handle, executorProperties.stopGrace()); // stopped while it was being started
            release(replica.id());
            return;
        }
        watched.put(replica.id(), new WatchedReplica(service, replica, handle, process, work, how,
                Instant.now().plus(properties.readyTimeout())));
    }

    private void tick() {
        for (WatchedReplica w : watched.values()) {
            try {
                check(w);
            } catch (RuntimeException e) {
                log.warn("supervising replica {} failed: {}", w.replica.id(), e.toString());
            }
        }
    }

    private void check(WatchedReplica w) {
        if (!ProcessTree.alive(w.process)) {
            if (watched.remove(w.replica.id(), w)) {
                release(w.replica.id());
                crashed(w, w.exitDescription());
            }
            return;
        }
        if (w.ready) {
            return;
        }
        if (w.port == null && w.how.printsReadyLine()) {
            w.port = ReadyLine.port(w.workDir.resolve(OUTPUT)).orElse(null);
        }
        if (w.port != null && probe.healthy(w.port, w.how.healthPath())) {
            w.ready = true;
            if (!lifecycle.replicaReady(w.replica.id(), w.port)) {
                stopLocally(w); // stopped meanwhile
            }
            return;
        }
        if (Instant.now().isAfter(w.deadline)) {
            stopLocally(w);
            crashed(w, "did not answer its health check within " + properties.readyTimeout().toSeconds() + " s");
        }
    }

    private void stopLocally(WatchedReplica w) {
        watched.remove(w.replica.id(), w);
        ProcessTree.terminate(w.process, executorProperties.stopGrace());
        release(w.replica.id());
    }

    /** A replica's process ended on its own: restart it, or fail it once its restarts are spent. */
    private void crashed(WatchedReplica w, String why) {
        Replica now = store.replica(w.replica.id()).orElse(null);
        if (now == null || !now.status().live()) {
            return; // stopped on purpose
        }
        if (now.restarts() < properties.maxRestarts()) {
            String message = why + "; restarting (" + (now.restarts() + 1) + " of " + properties.maxRestarts() + ")";
            log.info("inference replica {}: {}", now.id(), message);
            if (lifecycle.replicaRestarting(now.id(), message)) {
                long delay = Math.min(30_000, 500L << Math.min(now.restarts(), 6));
                supervisor.schedule(() -> store.replica(now.id()).filter(r -> r.status() == ReplicaStatus.STARTING)
                        .ifPresent(r -> launch(store.findById(r.serviceId()).orElse(w.service), r)),
                        delay, TimeUnit.MILLISECONDS);
            }
            return;
        }
        fail(now, why + "; gave up after " + properties.maxRestarts() + " restart(s)");
    }

    /** The replica fails; if its service fails with it, the rest of the service stops. */
    private void fail(Replica replica, String message) {
        if (lifecycle.replicaEnded(replica.id(), ReplicaStatus.FAILED, message) == ServiceStatus.FAILED) {
            List<Replica> rest = store.liveReplicas(replica.serviceId());
            lifecycle.stopReplicas(rest, "its service failed").forEach(this::terminate);
        }
    }

    private void release(String replicaId) {
        gpus.release(replicaId);
        training.gpusFreed();
    }

    /** Stops supervising; replica processes keep running for the next start to re-attach. */
    @Override
    @PreDestroy
    public void close() {
        supervisor.shutdownNow();
        watched.clear();
    }

    /** A replica process the supervisor watches. */
    private static final class WatchedReplica {
        final Deployment service;
        final Replica replica;
        final ProcessHandle process;
        final Process child;
        final Path workDir;
        final RuntimeCommands.Launch how;
        final Instant deadline;
        volatile Integer port;
        volatile boolean ready;

        WatchedReplica(Deployment service, Replica replica, ProcessHandle process, Process child, Path workDir,
                       RuntimeCommands.Launch how, Instant deadline) {
            this.service = service;
            this.replica = replica;
            this.process = process;
            this.child = child;
            this.workDir = workDir;
            this.how = how;
            this.deadline = deadline;
            this.port = how.port();
        }

        String exitDescription() {
            if (child != null && !child.isAlive()) {
                return "its process exited with code " + child.exitValue();
            }
            return "its process exited";
        }
    }
}
