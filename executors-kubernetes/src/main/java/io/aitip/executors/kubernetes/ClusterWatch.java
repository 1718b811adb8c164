package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's eyes on the cluster: informers on AITIP's Jobs, Pods and operator workloads mark a
 * job dirty on every change, and one loop thread syncs dirty jobs (reading the informer caches),
 * and runs the full reconciliation (against the API server) every {@code resyncPeriod}; one
 * thread does all status work, so two observations of the same job never race. A second thread
 * copies the logs of running jobs every {@code logPollPeriod}.
 */
final class ClusterWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);
    private static final String BY_ID = "aitip-id";

    private final KubernetesClient client;
    private final Cluster cluster;
    private final TrainingSync sync;
    private final Reconciler reconciler;
    private final TrainingJobStore jobs;
    private final KubernetesProperties properties;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> customInformers = new ConcurrentHashMap<>();
    private SharedIndexInformer<Job> jobInformer;
    private SharedIndexInformer<Pod> podInformer;
    private final ClusterView cached = new ClusterView() {
        @Override
        public Optional<HasMetadata> training(String namespace, String id) {
            String key = namespace + "/" + Names.workload(id);
            Job job = jobInformer.getStore().getByKey(key);
            if (job != null) {
                return Optional.of(job);
            }
            for (SharedIndexInformer<GenericKubernetesResource> informer : customInformers.values()) {
                GenericKubernetesResource resource = informer.getStore().getByKey(key);
                if (resource != null) {
                    return Optional.of(resource);
                }
            }
            return Optional.empty();
        }

        @Override
        public List<Pod> pods(String namespace, String id) {
            List<Pod> pods = new ArrayList<>(podInformer.getIndexer().byIndex(BY_ID, Names.workload(id)));
            pods.sort(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                    .thenComparing(p -> p.getMetadata().getName()));
            return pods;
        }
    };
    private final ScheduledExecutorService loop;
    private final ScheduledExecutorService logLoop;
    private volatile boolean firstPassDone;

    private final List<java.util.function.Consumer<String>> alsoOnReconcile;

    ClusterWatch(Cluster cluster, TrainingSync sync, Reconciler reconciler, TrainingJobStore jobs,
                 KubernetesProperties properties, List<java.util.function.Consumer<String>> alsoOnReconcile) {
        this.alsoOnReconcile = alsoOnReconcile;
        this.client = cluster.client();
        this.cluster = cluster;
        this.sync = sync;
        this.reconciler = reconciler;
        this.jobs = jobs;
        this.properties = properties;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "k8s-reconciler"));
        // log copying has its own thread: a pass over many pods must not hold up status changes
        this.logLoop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "k8s-pod-logs"));
    }

    /** Starts informers, runs the first full reconciliation ("after a restart"), then keeps watching. */
    void start() {
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                mark(obj);
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                mark(newObj);
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                mark(obj);
            }
        };
        jobInformer = client.batch().v1().jobs().inAnyNamespace().withLabels(Labels.SELECTOR).inform(cast(handler), 0);
        informers.add(jobInformer);
        podInformer = client.pods().inAnyNamespace().withLabels(Labels.SELECTOR).runnableInformer(0);
        podInformer.addIndexers(Map.of(BY_ID, pod -> pod.getMetadata().getLabels() == null
                || !pod.getMetadata().getLabels().containsKey(Labels.ID) ? List.of()
                : List.of(pod.getMetadata().getLabels().get(Labels.ID))));
        podInformer.addEventHandler(cast(handler));
        podInformer.run();
        informers.add(podInformer);
        for (ResourceDefinitionContext kind : cluster.customKindsPresent()) {
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(kind)
                    .inAnyNamespace().withLabels(Labels.SELECTOR).inform(cast(handler), 0);
            customInformers.put(kind.getKind(), informer);
            informers.add(informer);
        }
        loop.execute(() -> fullPass(" while the server was down"));
        loop.execute(() -> firstPassDone = true);
        loop.execute(() -> guarded(this::drain));
        long poll = properties.logPollPeriod().toMillis();
        logLoop.scheduleWithFixedDelay(() -> guarded(this::pumpLogs), poll, poll, TimeUnit.MILLISECONDS);
        long resync = properties.resyncPeriod().toMillis();
        loop.scheduleWithFixedDelay(() -> fullPass(""), resync, resync,
                TimeUnit.MILLISECONDS);
        log.info("watching the cluster: {} informer(s), logs every {}, full reconciliation every {}", informers.size(),
                properties.logPollPeriod(), properties.resyncPeriod());
    }

    /** The training reconciliation, then the other passes (probe runs, inference services) on the same thread. */
    private void fullPass(String whenSuffix) {
        guarded(() -> reconciler.reconcileAll(whenSuffix));
        for (java.util.function.Consumer<String> pass : alsoOnReconcile) {
            guarded(() -> pass.accept(whenSuffix));
        }
    }

    boolean firstPassDone() {
        return firstPassDone;
    }

    /** Marks a job dirty for the loop (also used by submit, so a fast cluster is not missed). */
    void mark(String jobId) {
        if (dirty.add(jobId) && !loop.isShutdown()) {
            loop.execute(() -> guarded(this::drain));
        }
    }

    private void mark(HasMetadata obj) {
        if (obj.getMetadata().getLabels() == null || !"training".equals(obj.getMetadata().getLabels().get(Labels.KIND))) {
            return;
        }
        String id = obj.getMetadata().getLabels().get(Labels.ID);
        if (id != null) {
            mark(id);
        }
    }

    private void drain() {
        if (!firstPassDone) {
            return;
        }
        for (String id : List.copyOf(dirty)) {
            dirty.remove(id);
            guarded(() -> sync.sync(id, cached, ""));
        }
    }

    private void pumpLogs() {
        for (TrainingJob job : jobs.live()) {
            if (job.status() == JobStatus.RUNNING) {
                guarded(() -> sync.pumpLogs(job, cached));
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("reconciler step failed (retried on the next event or pass): {}", e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler handler) {
        return handler;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        loop.shutdownNow();
        logLoop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            logLoop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Duration resyncPeriod() {
        return properties.resyncPeriod();
    }
}
