package io.aitip.executors.kubernetes.probes;

import io.aitip.executors.kubernetes.Cluster;
import io.aitip.executors.kubernetes.Labels;
import io.aitip.executors.kubernetes.Names;
import io.aitip.executors.kubernetes.Observation;
import io.aitip.executors.kubernetes.StatusMapper;
import io.aitip.executors.kubernetes.workloads.BatchRunManifests;
import io.aitip.platform.sandbox.ProbeFailed;
import io.aitip.platform.sandbox.ProbeRecords;
import io.aitip.platform.training.JobStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's pass over evaluation and simulation runs, beside the training reconciler, in both
 * directions. A run is normally finished by the replica whose tool call follows its Job; this pass
 * finishes the ones nobody follows any more (that replica stopped), which it tells by age: a Job
 * that ended more than {@code grace} ago, or a running run whose Job is gone. A Job that succeeded
 * is adopted: its {@code RESULT} lines are read from the pod log and scored by the run's own feature
 * as the live path scores them ({@link ProbeRecords#completeRunning}); a Job that failed, a log that
 * lost results, or a run recorded without its items fails the run with the reason. Either way the
 * Job (foreground) and its ConfigMap are then deleted (ADR 0022). Both ends are conditional on the
 * run still running, so a follower that finishes at the same moment stores the outcome once. A
 * probe Job that is still active while its run is not running (or has no record older than
 * {@code grace}) is deleted with foreground propagation.
 */
public final class ProbeReconciler {

    private static final Logger log = LoggerFactory.getLogger(ProbeReconciler.class);
    private static final List<String> KINDS = List.of("evaluation", "simulation");

    private final Cluster cluster;
    private final Supplier<List<ProbeRecords>> records;
    private final Duration grace;
    private final StatusMapper mapper;

    public ProbeReconciler(Cluster cluster, Supplier<List<ProbeRecords>> records, Duration grace) {
        this.cluster = cluster;
        this.records = records;
        this.grace = grace;
        this.mapper = new StatusMapper(cluster::schedulingEvent);
    }

    /** What one pass did: runs completed with their results, runs failed, active Jobs deleted. */
    public record Outcome(int completed, int failed, int deleted) {
    }

    /** One pass. */
    public Outcome reconcile(String whenSuffix) {
        Map<String, ProbeRecords> stores = new HashMap<>();
        Map<String, Tracked> live = new HashMap<>();
        for (ProbeRecords store : records.get()) {
            stores.put(store.kind(), store);
            store.running().forEach(run -> live.put(Names.workload(run.id()), new Tracked(store, run))); // the store before the cluster
        }
        Map<String, Job> jobs = new HashMap<>();
        for (Job job : cluster.client().batch().v1().jobs().inAnyNamespace().withLabels(Labels.SELECTOR)
                .withLabelIn(Labels.KIND, KINDS.toArray(String[]::new)).list().getItems()) {
            jobs.put(job.getMetadata().getLabels().get(Labels.ID), job);
        }
        Instant now = Instant.now();
        int completed = 0;
        int failed = 0;
        for (Map.Entry<String, Tracked> entry : live.entrySet()) {
            ProbeRecords.LiveRun run = entry.getValue().run();
            ProbeRecords store = entry.getValue().store();
            Job job = jobs.remove(entry.getKey());
            if (job == null) {
                if (run.createdAt().plus(grace).isBefore(now)
                        && fail(store, run, "its Job was deleted outside AITIP" + whenSuffix)) {
                    failed++;
                }
                continue;
            }
            List<Pod> pods = cluster.pods(job.getMetadata().getNamespace(), run.id());
            Observation seen = mapper.observe(job, pods);
            if (!seen.status().terminal() || !endedBefore(job, now.minus(grace))) {
                continue; // still running, or its follower may still be reading the log
            }
            ProbeLog podLog = new ProbeLog(pods.isEmpty() ? "" : cluster.log(pods.get(pods.size() - 1)));
            Ended ended = seen.status() == JobStatus.SUCCEEDED ? adopt(store, run, podLog, whenSuffix)
                    : fail(store, run, podLog.explain(seen, pods, "", 0)) ? Ended.FAILED : Ended.NOT_BY_THIS_PASS;
            completed += ended == Ended.COMPLETED ? 1 : 0;
            failed += ended == Ended.FAILED ? 1 : 0;
            if (ended != Ended.NOT_BY_THIS_PASS) {
                delete(job); // the outcome is stored: nothing in the cluster is needed any more
            }
        }
        int deleted = 0;
        for (Job job : jobs.values()) {
            String id = job.getMetadata().getLabels().get(Labels.ID);
            ProbeRecords store = stores.get(job.getMetadata().getLabels().get(Labels.KIND));
            String status = store == null ? null : store.status(id).orElse(null);
            String created = job.getMetadata().getCreationTimestamp();
            boolean young = created != null && Instant.parse(created).plus(grace).isAfter(now);
            if ("running".equals(status) || status == null && young) {
                continue; // recorded after the store was read, or about to be
            }
            if (!mapper.observe(job, List.of()).status().terminal()) {
                log.info("deleting probe Job {}/{}: its run is {}", job.getMetadata().getNamespace(), id,
                        status == null ? "not in the store" : status);
                delete(job);
                deleted++;
            }
        }
        return new Outcome(completed, failed, deleted);
    }

    private enum Ended { COMPLETED, FAILED, NOT_BY_THIS_PASS }

    /** A running run with the store of its kind. */
    private record Tracked(ProbeRecords store, ProbeRecords.LiveRun run) {
    }

    /** Scores the results of a Job that succeeded while nobody followed it. */
    private Ended adopt(ProbeRecords store, ProbeRecords.LiveRun run, ProbeLog podLog, String whenSuffix) {
        OptionalInt expected = store.pendingResults(run.id());
        String failure = null;
        if (expected.isEmpty()) { // recorded before runs kept their items
            failure = "its Job finished in the cluster" + whenSuffix + ", but no server was following it, so its "
                    + "results were not collected; run it again";
        } else {
            try {
                if (store.completeRunning(run.id(), podLog.results(expected.getAsInt()))) {
                    log.info("completed {} {} from its Job's log{}: nobody was following it", store.kind(), run.id(),
                            whenSuffix);
                    return Ended.COMPLETED;
                }
                return Ended.NOT_BY_THIS_PASS; // its follower stored the same results first
            } catch (ProbeFailed e) {
                failure = e.getMessage(); // the log lost results
            }
        }
        return fail(store, run, failure) ? Ended.FAILED : Ended.NOT_BY_THIS_PASS;
    }

    private boolean fail(ProbeRecords store, ProbeRecords.LiveRun run, String message) {
        if (!store.failRunning(run.id(), message)) {
            return false;
        }
        log.info("failed {} {}: {}", store.kind(), run.id(), message);
        return true;
    }

    /** The Job with its pods, and its ConfigMap by name: an owner reference is only as good as the garbage collector. */
    private void delete(Job job) {
        String ns = job.getMetadata().getNamespace();
        cluster.client().batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName())
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        cluster.client().configMaps().inNamespace(ns).withName(BatchRunManifests.filesName(job.getMetadata().getName()))
                .delete();
    }

    private static boolean endedBefore(Job job, Instant cutoff) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return true;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())))
                .map(c -> c.getLastTransitionTime() == null ? Instant.EPOCH : Instant.parse(c.getLastTransitionTime()))
                .allMatch(t -> !t.isAfter(cutoff));
    }
}
