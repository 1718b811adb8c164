package io.aitip.executors.kubernetes.testing;

import io.aitip.executors.contract.TrainingHarness;
import io.aitip.executors.kubernetes.Cluster;
import io.aitip.executors.kubernetes.ClusterCapabilities;
import io.aitip.executors.kubernetes.KubernetesExecutor;
import io.aitip.executors.kubernetes.KubernetesProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** AITIP server processes with the Kubernetes executor over one simulated cluster and one database. */
public final class KubeServers implements AutoCloseable {

    private final SimulatedCluster cluster;
    private final DataSource database;
    private final List<TrainingHarness> servers = new ArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private int started;

    public KubeServers(SimulatedCluster cluster, DataSource database) {
        this.cluster = cluster;
        this.database = database;
    }

    public TrainingHarness start(KubernetesProperties properties) {
        KubernetesClient client = cluster.newClient();
        clients.add(client);
        String identity = "replica-" + (++started);
        TrainingHarness server = new TrainingHarness(database, stores -> new KubernetesExecutor(properties,
                new Cluster(client, new ClusterCapabilities(client, properties.kueue()), true), stores.jobs(),
                stores.states(), stores.logs(), stores.jdbc(), identity));
        servers.add(server);
        return server;
    }

    /** Starts a server and waits until it leads and has reconciled once. */
    public TrainingHarness startLeading(KubernetesProperties properties) throws InterruptedException {
        TrainingHarness server = start(properties);
        server.executor.recover();
        awaitReconciled(server);
        return server;
    }

    public static void awaitReconciled(TrainingHarness server) throws InterruptedException {
        KubernetesExecutor executor = (KubernetesExecutor) server.executor;
        for (int i = 0; i < 1200 && !executor.reconciled(); i++) {
            Thread.sleep(25);
        }
        if (!executor.reconciled()) {
            throw new AssertionError("the server did not become the active reconciler");
        }
    }

    @Override
    public void close() throws Exception {
        for (TrainingHarness server : servers) {
            server.close();
        }
        clients.forEach(KubernetesClient::close);
    }
}
