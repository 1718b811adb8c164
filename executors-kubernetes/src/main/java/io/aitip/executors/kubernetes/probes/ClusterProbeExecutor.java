package io.aitip.executors.kubernetes.probes;

import io.aitip.executors.kubernetes.Cluster;
import io.aitip.executors.kubernetes.Observation;
import io.aitip.executors.kubernetes.StatusMapper;
import io.aitip.executors.kubernetes.Workload;
import io.aitip.executors.kubernetes.workloads.BatchRunSpec;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.platform.sandbox.ProbeExecutor;
import io.aitip.platform.sandbox.ProbeFailed;
import io.aitip.platform.sandbox.ProbeRequest;
import io.aitip.platform.training.JobStatus;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * evaluation_run and simulation_run on the cluster: the probe runs as a {@code batch/v1} Job named
 * after the run id ({@link ProbeJobs}), and the replica that took the tool call follows it through
 * the API server with the training status mapper, reads the results from the pod log, and deletes
 * the Job (foreground) when the caller cancels or the pod can never start. The run is recorded as
 * running once its Job exists, so the Lease-holding reconciler ({@link ProbeReconciler}) can finish
 * it if this replica stops (ADR 0022).
 */
public class ClusterProbeExecutor implements ProbeExecutor {

    private static final Logger log = LoggerFactory.getLogger(ClusterProbeExecutor.class);
    /** How long the API server may stay unreadable before the run is given up as lost. */
    static final Duration API_PATIENCE = Duration.ofSeconds(30);

    private final ClusterWorkloads workloads;
    private final Cluster cluster;
    private final ProbeJobs jobs;
    private final Duration poll;
    private final StatusMapper mapper;

    public ClusterProbeExecutor(ClusterWorkloads workloads, Cluster cluster, ProbeJobs jobs, Duration poll) {
        this.workloads = workloads;
        this.cluster = cluster;
        this.jobs = jobs;
        this.poll = poll;
        this.mapper = new StatusMapper(cluster::schedulingEvent);
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public List<JsonNode> run(ProbeRequest request, ToolContext context, Started started) {
        String specText = jobs.specText(request);
        if (!ProbeJobs.fits(specText)) {
            throw ToolException.invalid(request.kind().equals("evaluation") ? "/limit" : "/samples",
                    "The run's items do not fit in one Kubernetes ConfigMap (1 MiB); ask for fewer items.");
        }
        BatchRunSpec spec = jobs.spec(request, specText);
        Workload workload = workloads.launch(spec);
        started.targetReachable(); // recorded now: the Job exists, and a restarted server must find the run
        String ns = workload.namespace();
        String name = workload.name();
        long maxRunSeconds = jobs.maxRun().toSeconds();
        // the Job's own activeDeadlineSeconds ends it first; this bounds a Job that is never scheduled
        long giveUp = System.nanoTime() + jobs.maxRun().plusMinutes(5).toNanos();
        String waiting = "waiting for the cluster to schedule the probe pod";
        int reported = -1;
        long unreadableSince = 0; // when the API server stopped answering, 0 while it answers
        try {
            while (true) {
                try {
                    if (context.cancelled()) {
                        workloads.cancel(spec);
                        throw new ToolContext.CancelledException();
                    }
                    Job job = cluster.client().batch().v1().jobs().inNamespace(ns).withName(name).get();
                    if (job == null) {
                        throw new ProbeFailed("its Job " + ns + "/" + name + " was deleted outside AITIP");
                    }
                    List<Pod> pods = cluster.pods(ns, request.runId());
                    Observation seen = mapper.observe(job, pods);
                    if (seen.stuck()) {
                        workloads.cancel(spec); // Kubernetes would leave it pending forever
                        throw new ProbeFailed(seen.message());
                    }
                    if (seen.status() == JobStatus.SUCCEEDED) {
                        return new ProbeLog(lastLog(pods)).results(request.items().size());
                    }
                    if (seen.status() == JobStatus.FAILED) {
                        throw new ProbeFailed(new ProbeLog(lastLog(pods)).explain(seen, pods, request.target().display(),
                                maxRunSeconds));
                    }
                    if (seen.status() == JobStatus.RUNNING && !pods.isEmpty()) {
                        int done = new ProbeLog(lastLog(pods)).progress();
                        if (done != reported) {
                            reported = done;
                            context.progress(done, (double) request.items().size(), "probed " + done + " of "
                                    + request.items().size() + " in the cluster");
                        }
                    } else {
                        waiting = seen.message();
                    }
                    if (System.nanoTime() > giveUp) {
                        workloads.cancel(spec);
                        throw new ProbeFailed("its Job did not finish within " + (maxRunSeconds + 300) + " s (" + waiting
                                + "); it was deleted");
                    }
                    unreadableSince = 0;
                } catch (KubernetesClientException e) {
                    // an API server blip (a timeout, a restart) is waited out; a longer silence ends the run
                    unreadableSince = unreadableSince == 0 ? System.nanoTime() : unreadableSince;
                    if (System.nanoTime() - unreadableSince > API_PATIENCE.toNanos()) {
                        log.warn("lost sight of probe Job {}/{}: {}", ns, name, e.toString());
                        throw new ProbeFailed("the Kubernetes API server could not be read for "
                                + API_PATIENCE.toSeconds() + " s while the run was in the cluster (" + e.getCode() + ")");
                    }
                    log.info("probe Job {}/{}: the API server did not answer ({}); trying again", ns, name, e.getCode());
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workloads.cancel(spec);
            throw new ToolContext.CancelledException();
        }
    }

    private String lastLog(List<Pod> pods) {
        return pods.isEmpty() ? "" : cluster.log(pods.get(pods.size() - 1));
    }
}
