package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active reconciler across server replicas, elected through a {@code coordination.k8s.io}
 * Lease. The leader watches the cluster and writes status; every replica still submits and stops
 * workloads (names are deterministic, so that is safe). A leader that stops cleanly releases the
 * Lease, so a successor takes over at once; one that dies is replaced when the Lease expires.
 */
final class LeaderGate implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderGate.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Runnable onLead;
    private final Runnable onLoss;
    private volatile boolean leading;
    private volatile String leader;
    private CompletableFuture<?> election;

    LeaderGate(KubernetesClient client, String namespace, String name, String identity, Duration leaseDuration,
               Runnable onLead, Runnable onLoss) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.onLead = onLead;
        this.onLoss = onLoss;
    }

    synchronized void start() {
        if (election != null) {
            return;
        }
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(name).withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(leaseDuration).withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
                .withRetryPeriod(leaseDuration.dividedBy(5)).withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::lead, this::lose, newLeader -> leader = newLeader))
                .build()).build();
        election = elector.start();
        log.info("{} takes part in the election of the reconciler (Lease {}/{})", identity, namespace, name);
    }

    private void lead() {
        leading = true;
        log.info("{} is the active reconciler", identity);
        onLead.run();
    }

    private void lose() {
        if (leading) {
            leading = false;
            log.info("{} is no longer the active reconciler", identity);
            onLoss.run();
        }
    }

    boolean leading() {
        return leading;
    }

    String leader() {
        return leader;
    }

    String identity() {
        return identity;
    }

    @Override
    public synchronized void close() {
        if (election != null) {
            election.cancel(true); // releases the Lease (releaseOnCancel)
            election = null;
        }
        lose();
    }
}
