package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.contract.TrainingHarness;
import io.aitip.executors.kubernetes.testing.KubeServers;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedKubelet.Mode;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.Ids;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A server restart while the cluster moves on: 50 jobs submitted and running, the server stops,
 * meanwhile 20 finish, 5 fail, one is OOM-killed, one is deleted by hand, a job is left pending by a
 * crash between store and submit, and an AITIP-labelled Job appears that the store does not know.
 * The restarted server must make store and cluster agree, create no duplicate, and write one event
 * per terminal change. The API server is SIMULATED (fabric8 CRUD mock + simulated kubelet);
 * PostgreSQL is real.
 */
class KubernetesRestartTest {

    static final TestToolContext ctx = TestToolContext.member("org-restart", "prj-restart");
    static final String NS = "aitip-prj-restart";
    static TestDatabase db;
    static HikariDataSource pool;
    static SimulatedCluster cluster;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        cluster = new SimulatedCluster();
        cluster.kubelet().mode(Mode.HOLD);
    }

    @AfterAll
    static void tearDown() {
        cluster.close();
        pool.close();
        db.close();
    }

    @Test
    void storeAndClusterAgreeAfterARestartWithNoDuplicatesAndAnEventPerChange() throws Exception {
        List<String> ids = new ArrayList<>();
        try (KubeServers first = new KubeServers(cluster, pool)) {
            TrainingHarness a = first.startLeading(Props.fast().logPoll(Duration.ofSeconds(2)).build());
            for (int i = 0; i < 50; i++) {
                ids.add(((JobView) a.submit.call(ctx, new TrainingSubmitTool.Input("job-" + i, "m", null, null,
                        "python train.py --shard " + i, null, null, null, null, null, null, null, null))).jobId());
            }
            await("all 50 running", () -> ids.stream().allMatch(id -> status(a, id) == JobStatus.RUNNING));
        } // the server stops; the cluster goes on

        List<String> completed = ids.subList(0, 20);
        List<String> failed = ids.subList(20, 25);
        String oom = ids.get(25);
        String deletedByHand = ids.get(26);
        List<String> stillRunning = ids.subList(27, 50);
        completed.forEach(id -> cluster.kubelet().finish(NS, id, 0));
        failed.forEach(id -> cluster.kubelet().finish(NS, id, 2));
        cluster.kubelet().oomKill(NS, oom);
        cluster.admin().batch().v1().jobs().inNamespace(NS).withName(deletedByHand).delete();
        String orphan = "train-0e0e0e0e";
        cluster.admin().batch().v1().jobs().inNamespace(NS).resource(orphanJob(orphan)).create();
        JdbcTemplate store = new JdbcTemplate(pool);
        String leftPending = Ids.next("train");
        new TrainingJobStore(store).insert(TrainingJob.draft(leftPending, "org-restart", "prj-restart", "usr", "pending", "m", null, null,
                null, "python late.py", null, TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
        await("the cluster settled the ended jobs", () -> ids.subList(0, 26).stream()
                .allMatch(id -> KubernetesExecutorContractTest.finished(job(id))));
        int eventsBefore = events(store);

        try (KubeServers second = new KubeServers(cluster, pool)) {
            TrainingHarness b = second.startLeading(Props.fast().logPoll(Duration.ofSeconds(2)).build());
            await("store caught up", () -> completed.stream().allMatch(id -> status(b, id) == JobStatus.SUCCEEDED)
                    && failed.stream().allMatch(id -> status(b, id) == JobStatus.FAILED)
                    && status(b, oom) == JobStatus.FAILED && status(b, deletedByHand) == JobStatus.FAILED
                    && status(b, leftPending) == JobStatus.RUNNING && job(orphan) == null);

            for (String id : completed) {
                TrainingJob job = b.jobs.findById(id).orElseThrow();
                assertThat(job.statusMessage()).isEqualTo("finished while the server was down");
                assertThat(job.exitCode()).isZero();
            }
            for (String id : failed) {
                assertThat(b.jobs.findById(id).orElseThrow().exitCode()).isEqualTo(2);
            }
            assertThat(b.jobs.findById(oom).orElseThrow().statusMessage()).startsWith("OOMKilled");
            assertThat(b.jobs.findById(deletedByHand).orElseThrow().statusMessage())
                    .isEqualTo("its Kubernetes workload " + NS + "/" + deletedByHand + " was deleted outside AITIP while "
                            + "the server was down; resubmit the job to run it again");
            for (String id : stillRunning) {
                assertThat(status(b, id)).isEqualTo(JobStatus.RUNNING);
                assertThat(job(id).getStatus().getActive()).isEqualTo(1);
            }

            // no duplicates: one Job per AITIP id, one pod per Job that runs
            Map<String, Integer> jobsPerId = new HashMap<>();
            for (Job job : cluster.admin().batch().v1().jobs().inNamespace(NS).list().getItems()) {
                jobsPerId.merge(job.getMetadata().getLabels().get(Labels.ID), 1, Integer::sum);
            }
            assertThat(jobsPerId.values()).containsOnly(1);
            assertThat(jobsPerId).hasSize(50 - 1 + 1).containsKey(leftPending).doesNotContainKeys(deletedByHand, orphan);
            assertThat(cluster.kubelet().podsCreated()).as("50 jobs, the late one, the orphan").isEqualTo(52);

            // every change produced its event, exactly once: 20 succeeded + 5 failed + OOM + deleted by hand
            assertThat(events(b) - eventsBefore).isEqualTo(27);
            assertThat(eventTypes(b, completed)).containsOnly("job.succeeded").hasSize(20);
            assertThat(eventTypes(b, List.of(oom, deletedByHand))).containsExactly("job.failed", "job.failed");

            // a second pass changes nothing
            assertThat(((KubernetesExecutor) b.executor).reconcileNow())
                    .isEqualTo("Report[live=24, workloads=50, created=0, lost=0, orphansDeleted=0]");
            assertThat(events(b) - eventsBefore).isEqualTo(27);

            stillRunning.forEach(id -> cluster.kubelet().finish(NS, id, 0));
            cluster.kubelet().finish(NS, leftPending, 0);
            await("the rest finished", () -> stillRunning.stream().allMatch(id -> status(b, id) == JobStatus.SUCCEEDED)
                    && status(b, leftPending) == JobStatus.SUCCEEDED);
            assertThat(events(b) - eventsBefore).isEqualTo(27 + 24);
        }
    }

    static Job orphanJob(String id) {
        return new JobBuilder().withNewMetadata().withName(id).withNamespace(NS)
                .withLabels(Labels.of("training", id, "org-restart", "prj-restart")).endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Labels.of("training", id, "org-restart",
                        "prj-restart")).endMetadata().withNewSpec().addNewContainer().withName("trainer")
                .withImage("busybox").endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec().build();
    }

    static JobStatus status(TrainingHarness h, String id) {
        return h.jobs.findById(id).orElseThrow().status();
    }

    static Job job(String id) {
        return cluster.admin().batch().v1().jobs().inNamespace(NS).withName(id).get();
    }

    static int events(TrainingHarness h) {
        return events(h.jdbc);
    }

    static int events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_events", Integer.class);
    }

    static List<String> eventTypes(TrainingHarness h, List<String> jobIds) {
        return h.jdbc.queryForList("SELECT type FROM webhook_events WHERE payload->'data'->>'job_id' = ANY(?) "
                + "ORDER BY created_at, id", String.class, (Object) jobIds.toArray(String[]::new));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
