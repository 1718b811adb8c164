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
import io.aitip.platform.training.TrainingSubmitTool;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server replicas, one active reconciler, elected through a coordination.k8s.io Lease. The API
 * server is SIMULATED (fabric8 CRUD mock, which stores and updates Leases like a real one);
 * PostgreSQL is real.
 */
class KubernetesLeaderElectionTest {

    static final TestToolContext ctx = TestToolContext.member("org-lease", "prj-lease");
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
    void oneReplicaReconcilesAndTheOtherTakesOverWhenItStops() throws Exception {
        try (KubeServers servers = new KubeServers(cluster, pool)) {
            TrainingHarness a = servers.startLeading(Props.fast().build());
            TrainingHarness b = servers.start(Props.fast().build());
            b.executor.recover();
            KubernetesExecutor leaderA = (KubernetesExecutor) a.executor;
            KubernetesExecutor replicaB = (KubernetesExecutor) b.executor;
            assertThat(leaderA.leading()).isTrue();
            assertThat(holder()).isEqualTo("replica-1");
            assertThat(replicaB.leading()).isFalse();

            // a job submitted through the replica that does not lead is watched by the one that does
            String id = ((JobView) b.submit.call(ctx, new TrainingSubmitTool.Input(null, "m", null, null, "python x.py",
                    null, null, null, null, null, null, null, null))).jobId();
            await("running", () -> a.jobs.findById(id).orElseThrow().status() == JobStatus.RUNNING);
            assertThat(replicaB.leading()).isFalse();

            a.close(); // releases the Lease
            await("b leads", replicaB::leading);
            KubeServers.awaitReconciled(b);
            assertThat(holder()).isEqualTo("replica-2");
            cluster.kubelet().finish("aitip-prj-lease", id, 0);
            await("succeeded", () -> b.jobs.findById(id).orElseThrow().status() == JobStatus.SUCCEEDED);
        }
    }

    static String holder() {
        Lease lease = cluster.admin().leases().inNamespace("aitip-system").withName("aitip-reconciler").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
