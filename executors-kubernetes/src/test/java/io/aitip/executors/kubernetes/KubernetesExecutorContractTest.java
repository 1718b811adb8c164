package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.executors.contract.ExecutorContract;
import io.aitip.executors.contract.TrainingHarness;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The executor contract on the Kubernetes executor. The API server is SIMULATED: fabric8's mock
 * server in CRUD mode with {@link io.aitip.executors.kubernetes.testing.SimulatedKubelet}, which runs
 * each pod's {@code /bin/sh -c} command as a local process and reports it through pod and Job
 * status, as kubelet and Job controller would. PostgreSQL is real.
 */
class KubernetesExecutorContractTest extends ExecutorContract {

    static final String NAMESPACE = "aitip-prj-contract";
    static SimulatedCluster cluster;
    final List<KubernetesClient> clients = new ArrayList<>();
    int replicas;

    @BeforeAll
    static void startCluster() {
        cluster = new SimulatedCluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KubernetesClient::close);
        clients.clear();
    }

    @Override
    protected TrainingHarness newServer() {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        String identity = "replica-" + (++replicas);
        return new TrainingHarness(pool, stores -> new KubernetesExecutor(Props.fast().build(),
                new Cluster(client, new ClusterCapabilities(client, "auto"), true), stores.jobs(), stores.states(),
                stores.logs(), stores.jdbc(), identity));
    }

    @Override
    protected void awaitWorkEnded(TrainingHarness server, String jobId) throws InterruptedException {
        for (int i = 0; i < 400 && !finished(job(jobId)); i++) {
            Thread.sleep(25);
        }
        assertThat(finished(job(jobId))).as("Job %s finished in the cluster", jobId).isTrue();
    }

    @Override
    protected void assertWorkGone(TrainingHarness server, String jobId) throws InterruptedException {
        assertThat(job(jobId)).as("the Job is deleted at once").isNull();
        // the (simulated) garbage collector then removes the pods, whose processes end
        for (int i = 0; i < 400 && !pods(jobId).isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertThat(pods(jobId)).isEmpty();
    }

    static Job job(String id) {
        return cluster.admin().batch().v1().jobs().inNamespace(NAMESPACE).withName(id).get();
    }

    static List<?> pods(String id) {
        return cluster.admin().pods().inNamespace(NAMESPACE).withLabel(Labels.ID, id).list().getItems();
    }

    static boolean finished(Job job) {
        return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream().anyMatch(c -> "True".equals(c.getStatus())
                && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
    }
}
