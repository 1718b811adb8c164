package io.aitip.executors.kubernetes.inference;

import io.aitip.executors.kubernetes.KubernetesProperties;
import io.aitip.executors.kubernetes.workloads.CanarySpec;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.executors.kubernetes.workloads.InferenceManifests;
import io.aitip.executors.kubernetes.workloads.InferenceServiceSpec;
import io.aitip.executors.kubernetes.workloads.WorkloadState;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.InferenceRuntime;
import io.aitip.platform.inference.Replica;
import io.aitip.platform.inference.ReplicaStatus;
import io.aitip.platform.inference.ServiceStatus;
import io.aitip.platform.inference.Track;
import io.aitip.platform.training.GpuPool;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference replicas on a cluster. The store's replica rows stay the record of what is wanted; the
 * cluster holds one stable Deployment (+ Service + HPA, + HTTPRoute with the Gateway API) per
 * service, and a canary Deployment + Service while the service has a live canary replica. Each
 * AITIP replica is one pod slot: a track's Deployment runs as many replicas as the track has live
 * rows, and as its {@code readyReplicas} rise the lowest-ordinal starting rows become ready (→ the
 * service's {@code deployment.ready} through {@link DeploymentLifecycle}, as locally); when they fall,
 * the highest-ordinal ready rows go back to starting. A stalled rollout fails the track's starting
 * replicas.
 *
 * <p>One thread does all cluster work: {@link #start}/{@link #terminate} queue a sync of their
 * service, and a poll every {@code inference-poll-period} syncs every live service, so traffic
 * weights changed by {@code inference_canary} and Deployments deleted by hand are repaired. Names
 * derive from the service id, so a repeated sync or a restart finds what it created.
 */
public class KubernetesInferenceExecutor implements InferenceExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesInferenceExecutor.class);
    /** The port of the Services {@link InferenceManifests} creates. */
    static final int SERVICE_PORT = 80;

    private final KubernetesProperties properties;
    private final ClusterWorkloads workloads;
    private final DeploymentStore store;
    private final DeploymentLifecycle lifecycle;
    private final Supplier<GpuPool> gpus;
    private final ScheduledExecutorService worker;
    private final BooleanSupplier leading;
    /** What this process last applied per service: stable replicas, and the canary (version/percent/replicas). */
    private final Map<String, String> applied = new ConcurrentHashMap<>();

    public KubernetesInferenceExecutor(KubernetesProperties properties, ClusterWorkloads workloads,
                                       DeploymentStore store, DeploymentLifecycle lifecycle, Supplier<GpuPool> gpus) {
        this(properties, workloads, store, lifecycle, gpus, () -> true);
    }

    /**
     * @param leading whether this replica holds the reconciler Lease: only the holder polls every
     *                service and reconciles after a restart (ADR 0014); every replica still applies
     *                the services its own tool calls start or stop
     */
    public KubernetesInferenceExecutor(KubernetesProperties properties, ClusterWorkloads workloads,
                                       DeploymentStore store, DeploymentLifecycle lifecycle, Supplier<GpuPool> gpus,
                                       BooleanSupplier leading) {
        this.leading = leading;
        this.properties = properties;
        this.workloads = workloads;
        this.store = store;
        this.lifecycle = lifecycle;
        this.gpus = gpus;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aitip-k8s-inference");
            t.setDaemon(true);
            return t;
        });
        long period = properties.inferencePollPeriod().toMillis();
        worker.scheduleWithFixedDelay(this::syncAll, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<String> unavailable(InferenceRuntime runtime) {
        if (runtime == InferenceRuntime.BUILTIN) {
            return Optional.of("The builtin runtime runs only on the local executor; this server runs inference on "
                    + "Kubernetes. Deploy with runtime vllm, triton or torchserve.");
        }
        if (properties.runtimeImages().get(runtime.wire()) == null) {
            return Optional.of("No image is configured for runtime " + runtime.wire() + " on this cluster. Ask an "
                    + "operator to set aitip.executor.kubernetes.runtime-images." + runtime.wire() + ".");
        }
        return Optional.empty();
    }

    @Override
    public InferenceRuntime defaultRuntime() {
        return InferenceRuntime.VLLM;
    }

    @Override
    public GpuPool pool() {
        return gpus.get();
    }

    @Override
    public void start(Deployment service, Replica replica) {
        worker.execute(() -> guarded(service.id()));
    }

    @Override
    public void terminate(Replica replica) {
        worker.execute(() -> guarded(replica.serviceId()));
    }

    /** Deletes workloads whose service ended while the server was down, then syncs every live service. */
    @Override
    public void recover() {
        if (!leading.getAsBoolean()) {
            log.info("inference services are reconciled by the replica that holds the reconciler Lease");
            return;
        }
        reconcile();
    }

    /** Queues {@link #reconcile()} on this executor's thread (the leader's pass calls it). */
    public void reconcileLater() {
        worker.execute(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("reconciling inference services failed (retried on the next pass): {}", e.toString());
            }
        });
    }

    /** The leader's pass (also after winning the Lease): orphans deleted, every live service synced. */
    public void reconcile() {
        for (Map.Entry<String, String> found : workloads.inferenceServicesInCluster()) {
            Optional<Deployment> d = store.findById(found.getValue());
            if (d.isEmpty() || !d.get().status().live()) {
                log.info("deleting inference workload {}/{}: its service {}", found.getKey(), found.getValue(),
                        d.map(x -> "is " + x.status().wire()).orElse("is not in the store"));
                workloads.stopInference(found.getKey(), found.getValue());
            }
        }
        applied.clear();
        liveServices().forEach(this::guarded);
    }

    @Override
    public String baseUrl(Deployment service, Replica replica) {
        InferenceServiceSpec spec = spec(service, List.of());
        String name = replica.track() == Track.CANARY ? InferenceManifests.canaryName(spec)
                : InferenceManifests.stableName(spec);
        return "http://" + name + "." + workloads.inferenceManifests().namespace(spec) + ".svc:" + SERVICE_PORT;
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    /** Syncs one service now, on the caller's thread (tests, diagnostics). */
    public void syncNow(String serviceId) {
        try {
            worker.submit(() -> guarded(serviceId)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Set<String> liveServices() {
        Set<String> ids = new LinkedHashSet<>();
        store.liveReplicas().forEach(r -> ids.add(r.serviceId()));
        return ids;
    }

    private void syncAll() {
        if (!leading.getAsBoolean()) {
            return;
        }
        liveServices().forEach(this::guarded);
    }

    private void guarded(String serviceId) {
        try {
            sync(serviceId);
        } catch (RuntimeException e) {
            log.warn("syncing inference service {} with the cluster failed (retried on the next poll): {}",
                    serviceId, e.toString());
        }
    }

    /** Makes the cluster match the store's replicas, then copies Deployment readiness back. */
    private void sync(String serviceId) {
        Deployment d = store.findById(serviceId).orElse(null);
        if (d == null) {
            return;
        }
        List<Replica> live = store.liveReplicas(serviceId);
        List<Replica> stable = live.stream().filter(r -> r.track() == Track.STABLE).toList();
        List<Replica> canary = live.stream().filter(r -> r.track() == Track.CANARY).toList();
        InferenceServiceSpec spec = spec(d, stable);
        if (!d.status().live() || live.isEmpty()) {
            workloads.stopInference(spec);
            applied.remove(serviceId);
            return;
        }
        String stableKey = "stable=" + stable.size();
        String canaryKey = canary.isEmpty() || !d.hasCanary() ? "canary=none"
                : "canary=" + d.canaryVersion() + "/" + d.canaryPercent() + "/" + canary.size();
        String wanted = stableKey + ";" + canaryKey;
        WorkloadState stableState = workloads.inferenceState(spec);
        WorkloadState canaryState = workloads.canaryState(spec);
        boolean missing = "absent".equals(stableState.phase()) && !stable.isEmpty()
                || "absent".equals(canaryState.phase()) && !canary.isEmpty();
        if (missing || !wanted.equals(applied.get(serviceId))) {
            apply(d, spec, stable, canary);
            applied.put(serviceId, wanted);
            stableState = workloads.inferenceState(spec);
            canaryState = workloads.canaryState(spec);
        }
        copyReadiness(d, stable, stableState, "Deployment " + InferenceManifests.stableName(spec));
        copyReadiness(d, canary, canaryState, "Deployment " + InferenceManifests.canaryName(spec));
        if (store.findById(serviceId).map(now -> !now.status().live()).orElse(true)) {
            workloads.stopInference(spec); // failed just now: its workload goes, as a stopped one's does
            applied.remove(serviceId);
        }
    }

    private void apply(Deployment d, InferenceServiceSpec spec, List<Replica> stable, List<Replica> canary) {
        if (!stable.isEmpty()) {
            Optional<String> servedStable = workloads.servedVersion(spec, false);
            if (servedStable.isPresent() && !servedStable.get().equals(d.modelVersion())) {
                workloads.rollOut(spec); // a promoted canary: the stable Deployment rolls to its version
            }
            workloads.deploy(spec); // kept when it exists
            if (workloads.inferenceState(spec).replicas() != stable.size()) {
                workloads.scale(spec, stable.size());
            }
        }
        Optional<String> servedCanary = workloads.servedVersion(spec, true);
        if (canary.isEmpty() || !d.hasCanary()) {
            if (servedCanary.isPresent()) {
                workloads.endCanary(spec);
            }
            return;
        }
        if (servedCanary.isPresent() && !servedCanary.get().equals(d.canaryVersion())) {
            workloads.endCanary(spec); // a canary of another version: replaced
        }
        workloads.canary(spec, new CanarySpec(d.canaryVersion(), canary.get(0).artifactUri(), d.canaryPercent(),
                canary.size()));
    }

    /**
     * Ready pods → ready rows (lowest ordinal first); fewer ready pods than ready rows → the newest
     * ready rows go back to starting; a stalled rollout fails the starting rows.
     */
    private void copyReadiness(Deployment d, List<Replica> rows, WorkloadState state, String what) {
        if (rows.isEmpty()) {
            return;
        }
        List<Replica> ready = rows.stream().filter(r -> r.status() == ReplicaStatus.READY)
                .sorted(Comparator.comparingInt(Replica::ordinal)).toList();
        List<Replica> starting = rows.stream().filter(r -> r.status() == ReplicaStatus.STARTING)
                .sorted(Comparator.comparingInt(Replica::ordinal)).toList();
        if ("failed".equals(state.phase())) {
            for (Replica r : starting) {
                if (lifecycle.replicaEnded(r.id(), ReplicaStatus.FAILED, what + ": " + state.message())
                        == ServiceStatus.FAILED) {
                    lifecycle.stopReplicas(store.liveReplicas(d.id()), "its service failed");
                }
            }
            return;
        }
        int pods = Math.min(state.readyReplicas(), rows.size());
        if (state.message().contains("; pod ")) {
            String why = what + ": " + state.message();
            starting.forEach(r -> lifecycle.replicaWaiting(r.id(), why)); // CrashLoopBackOff, OOMKilled, unschedulable
        }
        if (pods > ready.size()) {
            starting.stream().limit(pods - ready.size())
                    .forEach(r -> lifecycle.replicaReady(r.id(), SERVICE_PORT));
        } else if (pods < ready.size()) {
            ready.stream().sorted(Comparator.comparingInt(Replica::ordinal).reversed()).limit(ready.size() - pods).forEach(r -> lifecycle.replicaRestarting(r.id(),
                    what + " has " + state.message() + "; waiting for a replacement pod"));
            lifecycle.settle(d.id());
        }
    }

    /** The cluster-side description of a service: names from its id, namespace from its project. */
    static InferenceServiceSpec spec(Deployment d, List<Replica> stable) {
        String uri = stable.stream().map(Replica::artifactUri).filter(Objects::nonNull).findFirst().orElse(null);
        return new InferenceServiceSpec(d.id(), d.orgId(), d.projectId(), d.name(), d.modelName(), d.modelVersion(),
                uri, d.runtime().wire(), null, d.gpuType(), d.gpuCount(), null, null, stable.size(),
                Math.max(1, d.minReplicas()), Math.max(1, d.maxReplicas()), Map.of()); // an HPA needs min ≥ 1
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
