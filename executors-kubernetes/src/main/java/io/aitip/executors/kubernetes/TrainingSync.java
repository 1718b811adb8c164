package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one job's row in line with its workload: moves its status through {@link JobStateMachine}
 * (never skipping a state, so a job that finished unseen still passes through {@code running}),
 * copies its logs before it settles, and deletes a workload that can never progress.
 */
final class TrainingSync {

    private static final Logger log = LoggerFactory.getLogger(TrainingSync.class);

    private final Cluster cluster;
    private final TrainingJobStore jobs;
    private final JobStateMachine states;
    private final JobNotes notes;
    private final PodLogs logs;
    private final StatusMapper mapper;
    private final Names names;
    private final KubernetesProperties properties;

    TrainingSync(Cluster cluster, TrainingJobStore jobs, JobStateMachine states, JobNotes notes, PodLogs logs,
                 Names names, KubernetesProperties properties) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.states = states;
        this.notes = notes;
        this.logs = logs;
        this.names = names;
        this.properties = properties;
        this.mapper = new StatusMapper(cluster::schedulingEvent);
    }

    String namespace(TrainingJob job) {
        return names.namespace(job.orgId(), job.projectId());
    }

    Optional<HasMetadata> workload(TrainingJob job) {
        return cluster.findTraining(namespace(job), job.id());
    }

    /**
     * Reads the job and its workload (from {@code view}) and applies what the cluster says; a no-op
     * for ended or unknown jobs. A workload missing from the view is looked up on the API server
     * before the job is declared lost: a cache may not have seen a fresh workload yet.
     */
    void sync(String jobId, ClusterView view, String whenSuffix) {
        TrainingJob job = jobs.findById(jobId).orElse(null);
        if (job == null || job.status().terminal() || job.status() == JobStatus.PENDING) {
            return; // pending: not in the cluster yet (submit or the reconciler creates it)
        }
        Optional<HasMetadata> workload = view.training(namespace(job), job.id());
        if (workload.isPresent()) {
            apply(job, workload.get(), view.pods(namespace(job), job.id()), whenSuffix);
        } else if (workload(job).isEmpty()) {
            lost(job, whenSuffix);
        }
    }

    /** Copies new log lines of a running job (no status work). */
    void pumpLogs(TrainingJob job, ClusterView view) {
        logs.pump(job, view.pods(namespace(job), job.id()));
    }

    /** A queued or running job whose workload is gone (deleted by hand): it fails, saying so. */
    boolean lost(TrainingJob job, String whenSuffix) {
        logs.forget(job.id());
        return states.end(job.id(), JobStatus.FAILED, JobChange.message("its Kubernetes workload " + namespace(job) + "/"
                + Names.workload(job.id()) + " was deleted outside AITIP" + whenSuffix
                + "; resubmit the job to run it again"));
    }

    /** Applies what the cluster says about {@code workload} to the stored {@code job}. */
    void apply(TrainingJob job, HasMetadata workload, List<Pod> pods, String whenSuffix) {
        Observation seen = mapper.observe(workload, pods);
        JobStatus now = job.status();
        if (now == JobStatus.PENDING) {
            // created before a crash, but never moved to queued
            if (!states.transition(job.id(), JobStatus.PENDING, JobStatus.QUEUED, JobChange.message(seen.message()))) {
                return;
            }
            now = JobStatus.QUEUED;
        }
        switch (seen.status()) {
            case QUEUED -> notes.note(job.id(), now, now == JobStatus.RUNNING ? "running; " + seen.message()
                    : seen.message());
            case RUNNING -> {
                if (now == JobStatus.QUEUED) {
                    states.transition(job.id(), JobStatus.QUEUED, JobStatus.RUNNING, JobChange.message(seen.message()));
                } else {
                    notes.note(job.id(), now, seen.message());
                }
                // logs of running jobs are copied by the log loop, not on every status event
            }
            case SUCCEEDED, FAILED -> settle(job, now, workload, pods, seen, whenSuffix);
            default -> { }
        }
    }

    private void settle(TrainingJob job, JobStatus now, HasMetadata workload, List<Pod> pods, Observation seen,
                        String whenSuffix) {
        logs.pump(job, pods); // every line is stored before the job is seen as ended
        boolean ran = !seen.stuck() && (seen.status() == JobStatus.SUCCEEDED || seen.exitCode() != null
                || pods.stream().anyMatch(p -> !PodFacts.containers(p).isEmpty() && !"Pending".equals(PodFacts.phase(p))));
        if (now == JobStatus.QUEUED && ran) {
            states.transition(job.id(), JobStatus.QUEUED, JobStatus.RUNNING, JobChange.message("running"));
            now = JobStatus.RUNNING;
        }
        JobChange change = JobChange.message(seen.message() + whenSuffix).exitCode(seen.exitCode());
        if (seen.status() == JobStatus.SUCCEEDED) {
            change.checkpointPath(checkpoint(job));
        }
        if (states.transition(job.id(), now, seen.status(), change)) {
            log.info("training job {} {}: {}", job.id(), seen.status().wire(), seen.message());
        }
        if (seen.stuck()) {
            cluster.delete(workload);
        }
        logs.forget(job.id());
    }

    private String checkpoint(TrainingJob job) {
        if (properties.checkpointClaim() != null) {
            return "pvc://" + properties.checkpointClaim() + "/" + job.id();
        }
        return properties.checkpointUri() == null ? null : properties.checkpointUri().replaceAll("/+$", "") + "/" + job.id();
    }
}
