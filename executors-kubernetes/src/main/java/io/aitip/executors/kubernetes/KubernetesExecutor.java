package io.aitip.executors.kubernetes;

import io.aitip.platform.training.GpuPool;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobExecutor;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.model.ToolException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs training jobs as Kubernetes workloads ({@link TrainingManifests}). There is no AITIP queue
 * here: a job is {@code queued} from the moment its workload exists until a pod runs, while the
 * cluster (the scheduler, or Kueue when installed) decides when. Submit and stop work on every
 * replica; status, logs and reconciliation come from the one replica that holds the Lease.
 */
public class KubernetesExecutor implements JobExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesExecutor.class);

    private final Cluster cluster;
    private final TrainingManifests manifests;
    private final TrainingJobStore jobs;
    private final JobStateMachine states;
    private final JobNotes notes;
    private final TrainingSync sync;
    private final Reconciler reconciler;
    private final ClusterGpus gpus;
    private final LeaderGate leadership;
    private final KubernetesProperties properties;
    private volatile ClusterWatch watch;
    private final List<Consumer<String>> alsoOnReconcile = new CopyOnWriteArrayList<>();

    public KubernetesExecutor(KubernetesProperties properties, Cluster cluster, TrainingJobStore jobs,
                              JobStateMachine states, JobLogStore logs, JdbcTemplate jdbc, String identity) {
        this.properties = properties;
        this.cluster = cluster;
        this.manifests = new TrainingManifests(properties);
        this.jobs = jobs;
        this.states = states;
        this.notes = new JobNotes(jdbc);
        this.sync = new TrainingSync(cluster, jobs, states, notes, new PodLogs(cluster, logs, jdbc), manifests.names(),
                properties);
        this.reconciler = new Reconciler(cluster, jobs, sync, this::create);
        this.gpus = new ClusterGpus(cluster.client(), properties);
        this.leadership = new LeaderGate(cluster.client(), properties.leaseNamespace(), properties.leaseName(), identity,
                properties.leaseDuration(), this::startWatching, this::stopWatching);
        log.info("kubernetes executor: API server {}, namespaces {}, Kueue {}", cluster.client().getMasterUrl(),
                properties.namespaceTemplate(), properties.kueue());
    }

    @Override
    public void check(TrainingJob draft) {
        try {
            manifests.build(draft, null, cluster.capabilities().now());
        } catch (UnsupportedWorkloadException e) {
            throw ToolException.invalid(e.pointer(), e.getMessage());
        }
    }

    @Override
    public void submit(TrainingJob job) {
        try {
            create(job);
        } catch (UnsupportedWorkloadException e) {
            states.transition(job.id(), JobStatus.PENDING, JobStatus.FAILED, JobChange.message(e.getMessage()));
        } catch (KubernetesClientException e) {
            // stays pending: the reconciler creates it when the API server answers again
            notes.note(job.id(), JobStatus.PENDING, "not yet in the cluster (" + shortError(e) + "); AITIP retries");
            log.warn("could not create the workload of {}: {}", job.id(), shortError(e));
        }
    }

    /** Creates the workload (keeping one that exists) and moves the job to {@code queued}. */
    private void create(TrainingJob job) {
        ClusterCapabilities.Found found = cluster.capabilities().now();
        Workload workload = manifests.build(job, notes.datasetUri(job.datasetId(), job.datasetVersion()), found);
        cluster.ensureNamespace(workload.namespace(), Labels.of("project", job.projectId(), job.orgId(),
                job.projectId()));
        cluster.create(workload);
        String message = found.kueue() ? "waiting for Kueue to admit it in queue "
                + manifests.names().queue(job.orgId(), job.projectId())
                : "submitted as " + workload.kind() + " " + workload.namespace() + "/" + workload.name()
                + "; waiting for the cluster to schedule its pods";
        if (!states.transition(job.id(), JobStatus.PENDING, JobStatus.QUEUED, JobChange.message(message))) {
            TrainingJob now = jobs.findById(job.id()).orElse(job);
            if (now.status() == JobStatus.CANCELLED) {
                cluster.delete(workload.primary()); // stopped while it was being created
            }
        }
        ClusterWatch w = watch;
        if (w != null) {
            w.mark(job.id());
        }
    }

    @Override
    public void stop(TrainingJob job) {
        // the store first: the deletion the informers then see is an expected one
        states.end(job.id(), JobStatus.CANCELLED, JobChange.message("stopped by training_stop"));
        try {
            sync.workload(job).ifPresent(cluster::delete);
        } catch (KubernetesClientException e) {
            log.warn("could not delete the workload of {} ({}); the reconciler deletes it later", job.id(),
                    shortError(e));
        }
    }

    /** Joins the reconciler election; the leader reconciles the store with the cluster, then watches. */
    @Override
    public void recover() {
        leadership.start();
    }

    @Override
    public GpuPool pool() {
        return gpus.pool();
    }

    @Override
    public boolean supportsDistributed() {
        return true;
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    /**
     * Adds a pass that the active reconciler runs after each full training reconciliation (when it
     * wins the Lease, then every {@code resync-period}), with " while the server was down" or "".
     */
    public void alsoReconcile(Consumer<String> pass) {
        alsoOnReconcile.add(pass);
    }

    /** Whether this replica is the active reconciler now. */
    public boolean leading() {
        return leadership.leading();
    }

    /** Whether this replica leads and has finished its first full reconciliation. */
    public boolean reconciled() {
        ClusterWatch w = watch;
        return w != null && w.firstPassDone();
    }

    /** One full reconciliation now, on the caller's thread (tests, diagnostics). */
    public String reconcileNow() {
        return reconciler.reconcileAll("").toString();
    }

    public Cluster cluster() {
        return cluster;
    }

    public TrainingManifests manifests() {
        return manifests;
    }

    private synchronized void startWatching() {
        if (watch == null) {
            ClusterWatch w = new ClusterWatch(cluster, sync, reconciler, jobs, properties, alsoOnReconcile);
            watch = w;
            w.start();
        }
    }

    private synchronized void stopWatching() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private static String shortError(KubernetesClientException e) {
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + Optional.ofNullable(e.getStatus())
                .map(s -> s.getMessage()).orElse(e.getMessage()) : e.getMessage();
    }

    @Override
    public void close() {
        leadership.close();
        stopWatching();
    }

    Duration leaseDuration() {
        return properties.leaseDuration();
    }
}
