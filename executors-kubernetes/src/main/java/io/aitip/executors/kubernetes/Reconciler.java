package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the store with the cluster and fixes both directions:
 * <ul>
 * <li>a live job whose workload exists takes the workload's state (it may have ended meanwhile);</li>
 * <li>a pending job without a workload is created now (the server stopped between insert and create);</li>
 * <li>a queued or running job without a workload was deleted outside AITIP: it fails, saying so;</li>
 * <li>a workload without a live job (cancelled while the delete failed, or unknown to the store)
 *     that is still active is deleted; finished ones are left to their TTL.</li>
 * </ul>
 * The store is read before the cluster, so a job submitted during the pass is never mistaken for
 * one whose workload vanished.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** What one pass did. */
    record Report(int live, int workloads, int created, int lost, int orphansDeleted) {
    }

    private final Cluster cluster;
    private final TrainingJobStore jobs;
    private final TrainingSync sync;
    private final Consumer<TrainingJob> create;

    Reconciler(Cluster cluster, TrainingJobStore jobs, TrainingSync sync,
               Consumer<TrainingJob> create) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.sync = sync;
        this.create = create;
    }

    synchronized Report reconcileAll(String whenSuffix) {
        List<TrainingJob> live = jobs.live();
        Map<String, HasMetadata> workloads = new HashMap<>();
        for (HasMetadata w : cluster.listTraining()) {
            workloads.put(w.getMetadata().getLabels().get(Labels.ID), w);
        }
        int total = workloads.size();
        Map<String, List<Pod>> podsById = cluster.allPods();
        int created = 0;
        int lost = 0;
        for (TrainingJob job : live) {
            HasMetadata workload = workloads.remove(Names.workload(job.id()));
            try {
                if (workload != null) {
                    sync.apply(job, workload, podsById.getOrDefault(Names.workload(job.id()), List.of()), whenSuffix);
                } else if (job.status() == JobStatus.PENDING) {
                    create.accept(job);
                    created++;
                } else if (sync.lost(job, whenSuffix)) {
                    lost++;
                }
            } catch (RuntimeException e) {
                log.warn("could not reconcile training job {}: {}", job.id(), e.toString());
            }
        }
        int orphans = 0;
        for (HasMetadata workload : workloads.values()) {
            String id = workload.getMetadata().getLabels().get(Labels.ID);
            TrainingJob stored = jobs.findById(id).orElse(null);
            if (stored != null && !stored.status().terminal()) {
                continue; // submitted after the store was read
            }
            if (stillActive(workload)) {
                log.info("deleting workload {}/{}: its job is {}", workload.getMetadata().getNamespace(), id,
                        stored == null ? "not in the store" : stored.status().wire());
                cluster.delete(workload);
                orphans++;
            }
        }
        Report report = new Report(live.size(), total, created, lost, orphans);
        log.info("reconciled {} live training job(s) with the cluster: {}", live.size(), report);
        return report;
    }

    /** Whether a workload has not finished (finished ones are kept for their logs until their TTL). */
    private boolean stillActive(HasMetadata workload) {
        Observation seen = new StatusMapper(p -> java.util.Optional.empty()).observe(workload, List.of());
        return !seen.status().terminal();
    }
}
