package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.contract.TrainingHarness;
import io.aitip.executors.kubernetes.testing.KubeServers;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedKubelet.Mode;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.Distributed;
import io.aitip.platform.training.GpuType;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.LogLine;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only the Kubernetes executor does: failures as the cluster reports them, Kueue, GPUs by
 * node, distributed workloads, idempotent names. The API server is SIMULATED (fabric8 CRUD mock +
 * {@link io.aitip.executors.kubernetes.testing.SimulatedKubelet}); PostgreSQL is real.
 */
class KubernetesExecutorTest {

    static final TestToolContext ctx = TestToolContext.member("org-k8s", "prj-k8s");
    static final String NS = "aitip-prj-k8s";
    static TestDatabase db;
    static HikariDataSource pool;
    static SimulatedCluster cluster;
    KubeServers servers;
    TrainingHarness h;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        cluster = new SimulatedCluster().gpuNode("gpu-a100-0", "NVIDIA-A100-SXM4-80GB", 2);
    }

    @AfterAll
    static void tearDown() {
        cluster.close();
        pool.close();
        db.close();
    }

    @BeforeEach
    void startServer() throws InterruptedException {
        cluster.kubelet().mode(Mode.HOLD).admitKueue(true);
        servers = new KubeServers(cluster, pool);
        h = servers.startLeading(Props.fast().build());
    }

    @AfterEach
    void stopServer() throws Exception {
        servers.close();
        // kubectl delete jobs --all: the simulated kubelet frees the GPUs of their pods
        cluster.admin().batch().v1().jobs().inNamespace(NS).delete();
        for (int i = 0; i < 400 && !cluster.admin().pods().inNamespace(NS).list().getItems().isEmpty(); i++) {
            Thread.sleep(25);
        }
    }

    static TrainingSubmitTool.Input input(String command, String image, GpuType gpu, Integer gpus, Distributed mode,
                                          Integer nodes, Integer maxMinutes) {
        return new TrainingSubmitTool.Input(null, "m", null, null, command, image, null,
                gpu == null && gpus == null ? null : new TrainingSubmitTool.Resources(gpu, gpus, null, 16.0), mode, nodes,
                null, null, maxMinutes);
    }

    String submit(TrainingSubmitTool.Input in) {
        return ((JobView) h.submit.call(ctx, in)).jobId();
    }

    TrainingJob await(String id, Predicate<TrainingJob> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TrainingJob job = h.jobs.findById(id).orElseThrow();
        while (!condition.test(job) && System.nanoTime() < deadline) {
            Thread.sleep(25);
            job = h.jobs.findById(id).orElseThrow();
        }
        assertThat(condition).as("%s: %s is %s (%s)", what, id, job.status(), job.statusMessage()).accepts(job);
        return job;
    }

    TrainingJob await(String id, JobStatus status) throws InterruptedException {
        return await(id, j -> j.status() == status, "status " + status.wire());
    }

    static Job job(String id) {
        return cluster.admin().batch().v1().jobs().inNamespace(NS).withName(id).get();
    }

    @Test
    void aJobIsAnAitipLabelledJobInTheProjectNamespaceAndGpusComeFromTheNodes() throws Exception {
        assertThat(h.executor.pool().describe()).isEqualTo("a100 ×2");
        String id = submit(input("python train.py", null, GpuType.A100, 1, null, null, 30));
        Job job = job(id);
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.ORG, "org-k8s").containsEntry(Labels.PROJECT,
                "prj-k8s").containsEntry(Labels.ID, id).containsEntry(Labels.MANAGED_BY, "aitip");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(Labels.OWNER_ANNOTATION, "usr-org-k8s");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
        Namespace ns = cluster.admin().namespaces().withName(NS).get();
        assertThat(ns.getMetadata().getLabels()).containsEntry(Labels.PROJECT, "prj-k8s");
        TrainingJob running = await(id, JobStatus.RUNNING);
        assertThat(running.statusMessage()).isEqualTo("running (1 pod)");
        ((io.aitip.executors.kubernetes.KubernetesExecutor) h.executor).reconcileNow();
        cluster.kubelet().finish(NS, id, 0);
        TrainingJob done = await(id, JobStatus.SUCCEEDED);
        assertThat(done.checkpointPath()).isEqualTo("s3://aitip-checkpoints/" + id);
    }

    @Test
    void submittingTheSameJobAgainKeepsTheOneWorkload() throws Exception {
        String id = submit(input("sleep 1", null, null, null, null, null, null));
        TrainingJob stored = h.jobs.findById(id).orElseThrow();
        h.executor.submit(stored); // a retry, or another replica: the name is the job id, so 409 → kept
        TrainingHarness other = servers.start(Props.fast().build());
        other.executor.submit(stored);
        assertThat(cluster.admin().batch().v1().jobs().inNamespace(NS).withLabel(Labels.ID, id).list().getItems())
                .hasSize(1);
        cluster.kubelet().finish(NS, id, 0);
        await(id, JobStatus.SUCCEEDED);
    }

    @Test
    void anImageThatCannotBePulledFailsTheJobAndRemovesTheWorkload() throws Exception {
        String id = submit(input("python train.py", "registry.example.com/does-not-exist:1", null, null, null, null,
                null));
        TrainingJob failed = await(id, JobStatus.FAILED);
        assertThat(failed.statusMessage()).startsWith("image registry.example.com/does-not-exist:1 cannot be pulled "
                + "(ErrImagePull: rpc error: pull access denied").contains("Check the image name");
        assertThat(failed.startedAt()).as("it never ran").isNull();
        await(id, j -> job(id) == null, "workload deleted");
    }

    @Test
    void anOomKilledTrainerFailsSayingSo() throws Exception {
        String id = submit(input("python train.py", null, null, null, null, null, null));
        await(id, JobStatus.RUNNING);
        cluster.kubelet().oomKill(NS, id);
        TrainingJob failed = await(id, JobStatus.FAILED);
        assertThat(failed.statusMessage()).startsWith("OOMKilled: pod " + id).contains("memory_gb");
        assertThat(failed.exitCode()).isEqualTo(137);
    }

    @Test
    void aJobThatCannotBePlacedWaitsWithTheSchedulersReasonAndRunsWhenGpusFreeUp() throws Exception {
        String big = submit(input("python a.py", null, GpuType.A100, 2, null, null, null));
        await(big, JobStatus.RUNNING);
        String next = submit(input("python b.py", null, GpuType.A100, 1, null, null, null));
        TrainingJob waiting = await(next, j -> j.statusMessage() != null && j.statusMessage().startsWith("unschedulable"),
                "unschedulable");
        assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(waiting.statusMessage()).isEqualTo("unschedulable: 0/1 nodes are available: 1 Insufficient "
                + "nvidia.com/gpu or node(s) didn't match node selector nvidia.com/gpu.product=NVIDIA-A100-SXM4-80GB.");
        // the pool is cached for a few seconds: wait until it shows the big job's pods on the node
        await(big, j -> h.executor.pool().free("a100") == 0, "both GPUs held");
        assertThat(h.executor.pool().devices()).extracting(d -> d.jobId()).containsOnly(big);
        cluster.kubelet().finish(NS, big, 0);
        await(next, JobStatus.RUNNING);
        cluster.kubelet().finish(NS, next, 0);
        await(next, JobStatus.SUCCEEDED);
    }

    @Test
    void aPreemptedPodIsReplacedAndTheJobKeepsRunning() throws Exception {
        String id = submit(input("python train.py", null, null, null, null, null, null));
        await(id, JobStatus.RUNNING);
        cluster.kubelet().preempt(NS, id);
        TrainingJob running = await(id, j -> j.statusMessage() != null && j.statusMessage().contains("and replaced"),
                "preemption noted");
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.statusMessage()).startsWith("running (1 pod); pod " + id).endsWith(
                "was preempted (PreemptionByScheduler) and replaced");
        cluster.kubelet().finish(NS, id, 0);
        await(id, JobStatus.SUCCEEDED);
    }

    @Test
    void aJobPastItsDeadlineFailsAsKubernetesStoppedIt() throws Exception {
        String id = submit(input("python train.py", null, null, null, null, null, 1));
        await(id, JobStatus.RUNNING);
        cluster.kubelet().exceedDeadline(NS, id);
        TrainingJob failed = await(id, JobStatus.FAILED);
        assertThat(failed.statusMessage()).isEqualTo("ran longer than max_runtime_minutes=1 and was stopped by "
                + "Kubernetes (activeDeadlineSeconds)");
    }

    @Test
    void underKueueAJobIsSubmittedSuspendedInTheProjectQueueAndRunsOnceAdmitted() throws Exception {
        cluster.install(ClusterCapabilities.KUEUE_CRD);
        try {
            servers.close();
            servers = new KubeServers(cluster, pool);
            h = servers.startLeading(Props.fast().build());
            cluster.kubelet().admitKueue(false);
            String id = submit(input("python train.py", null, null, null, null, null, null));
            Job job = job(id);
            assertThat(job.getSpec().getSuspend()).isTrue();
            assertThat(job.getMetadata().getLabels()).containsEntry(Labels.KUEUE_QUEUE, "prj-k8s-queue");
            assertThat(job.getSpec().getTemplate().getSpec().getPriorityClassName()).isEqualTo("aitip-normal");
            TrainingJob queued = h.jobs.findById(id).orElseThrow();
            assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(queued.statusMessage()).isEqualTo("waiting for Kueue to admit it in queue prj-k8s-queue");
            cluster.kubelet().admitKueue(true);
            await(id, JobStatus.RUNNING);
            cluster.kubelet().finish(NS, id, 0);
            await(id, JobStatus.SUCCEEDED);
        } finally {
            cluster.admin().apiextensions().v1().customResourceDefinitions().withName(ClusterCapabilities.KUEUE_CRD)
                    .delete();
        }
    }

    @Test
    void ddpWithoutTheTrainerRunsAsAnIndexedJobWithEveryRanksLogsLabelled() throws Exception {
        cluster.kubelet().mode(Mode.RUN_COMMANDS);
        String id = submit(input("echo rank $NODE_RANK of $PET_NNODES via $MASTER_ADDR", null, null, null,
                Distributed.DDP, 2, null));
        await(id, JobStatus.SUCCEEDED);
        assertThat(job(id).getSpec().getCompletionMode()).isEqualTo("Indexed");
        var headless = cluster.admin().services().inNamespace(NS).withName(id).get();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Job");
            assertThat(owner.getUid()).isEqualTo(job(id).getMetadata().getUid());
        });
        String host = id + "-0." + id + "." + NS + ".svc";
        assertThat(h.logs.after(id, 0, null, 100).stream().map(LogLine::line).toList())
                .containsExactlyInAnyOrder("[rank 0] rank 0 of 2 via " + host, "[rank 1] rank 1 of 2 via " + host);
    }

    @Test
    void horovodWithoutTheMpiOperatorIsRefusedBeforeAnythingIsStored() {
        int before = h.jdbc.queryForObject("SELECT count(*) FROM training_jobs", Integer.class);
        assertThatThrownBy(() -> submit(input("python hvd.py", null, null, null, Distributed.HOROVOD, 2, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/distributed");
                    assertThat(e.getMessage()).contains("not supported on this cluster");
                });
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM training_jobs", Integer.class)).isEqualTo(before);
    }

    @Test
    void aRayJobFollowsTheStatusKubeRayReports() throws Exception {
        cluster.install(ClusterCapabilities.RAY_JOB_CRD);
        try {
            servers.close();
            servers = new KubeServers(cluster, pool);
            h = servers.startLeading(Props.fast().build());
            String id = submit(input("python tune.py", null, null, null, Distributed.RAY, 2, null));
            var rayJobs = cluster.admin().genericKubernetesResources(CustomKinds.RAY_JOB).inNamespace(NS);
            assertThat(rayJobs.withName(id).get()).isNotNull();
            rayStatus(id, Map.of("jobDeploymentStatus", "Running", "jobStatus", "RUNNING"));
            await(id, JobStatus.RUNNING);
            rayStatus(id, Map.of("jobDeploymentStatus", "Complete", "jobStatus", "FAILED",
                    "message", "Job entrypoint command failed with exit code 1"));
            TrainingJob failed = await(id, JobStatus.FAILED);
            assertThat(failed.statusMessage()).isEqualTo("failed in the cluster: Job entrypoint command failed with "
                    + "exit code 1");
        } finally {
            cluster.admin().apiextensions().v1().customResourceDefinitions().withName(ClusterCapabilities.RAY_JOB_CRD)
                    .delete();
        }
    }

    private static void rayStatus(String id, Map<String, Object> status) {
        cluster.admin().genericKubernetesResources(CustomKinds.RAY_JOB).inNamespace(NS).withName(id)
                .edit((GenericKubernetesResource r) -> {
                    r.setAdditionalProperty("status", status);
                    return r;
                });
    }

    @Test
    void stopDeletesTheWorkloadWithForegroundPropagation() throws Exception {
        String id = submit(input("python train.py", null, null, null, null, null, null));
        await(id, JobStatus.RUNNING);
        h.stop.call(ctx, new io.aitip.platform.training.TrainingStopTool.Input(id));
        assertThat(job(id)).isNull();
        assertThat(h.jobs.findById(id).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cluster.deletes()).anySatisfy(d -> assertThat(d)
                .startsWith("/apis/batch/v1/namespaces/" + NS + "/jobs/" + id + " ")
                .contains("\"propagationPolicy\":\"Foreground\""));
    }
}
