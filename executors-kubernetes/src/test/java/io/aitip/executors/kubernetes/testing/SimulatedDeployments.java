package io.aitip.executors.kubernetes.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SIMULATED Deployment controller and kubelet for inference workloads (the CRUD mock runs no
 * controllers): every 20 ms it writes each AITIP Deployment's status as a cluster would once its pods
 * pass their readiness probe ({@code readyReplicas = availableReplicas = spec.replicas},
 * {@code Available=True}). A Deployment can be held (pods never ready), limited to fewer ready pods
 * (pods lost), or stalled ({@code Progressing=False}, ProgressDeadlineExceeded).
 */
public final class SimulatedDeployments implements AutoCloseable {

    private final KubernetesClient client;
    private final Thread loop;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> readyAtMost = new ConcurrentHashMap<>();
    private final Set<String> heldNames = ConcurrentHashMap.newKeySet();
    private final Set<String> stalledNames = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public SimulatedDeployments(KubernetesClient client) {
        this.client = client;
        this.loop = new Thread(this::run, "simulated-deployment-controller");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Pods of this Deployment ({@code namespace/name}) stay unready until {@link #release}. */
    public void hold(String key) {
        held.add(key);
    }

    public void release(String key) {
        held.remove(key);
        readyAtMost.remove(key);
    }

    /** At most {@code ready} pods of this Deployment are ready (the others were lost). */
    public void limit(String key, int ready) {
        readyAtMost.put(key, ready);
    }

    /**
     * Deployments of the AITIP service with this name (annotation {@code aitip.io/name}) stay unready
     * from the start, or stall: set before the tool call, so no race with the first status write.
     */
    public void holdService(String name) {
        heldNames.add(name);
    }

    public void stallService(String name) {
        stalledNames.add(name);
    }

    /** The rollout of this Deployment stalls (e.g. an image that cannot be pulled). */
    public void stall(String key) {
        stalled.add(key);
    }

    private void run() {
        while (running) {
            try {
                for (Deployment d : client.apps().deployments().inAnyNamespace()
                        .withLabel("app.kubernetes.io/managed-by", "aitip").list().getItems()) {
                    update(d);
                }
            } catch (KubernetesClientException e) {
                // raced with a delete; the next round sees fresh objects
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void update(Deployment d) {
        String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        String service = d.getMetadata().getAnnotations() == null ? null
                : d.getMetadata().getAnnotations().get("aitip.io/name");
        if (service != null && heldNames.contains(service)) {
            held.add(key);
        }
        if (service != null && stalledNames.contains(service)) {
            stalled.add(key);
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = held.contains(key) || stalled.contains(key) ? 0 : Math.min(wanted, readyAtMost.getOrDefault(key, wanted));
        DeploymentStatusBuilder status = new DeploymentStatusBuilder().withReplicas(wanted).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withObservedGeneration(d.getMetadata().getGeneration());
        status.addToConditions(new DeploymentConditionBuilder().withType("Available")
                .withStatus(ready >= wanted ? "True" : "False").build());
        if (stalled.contains(key)) {
            status.addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                    .withReason("ProgressDeadlineExceeded").build());
        }
        DeploymentStatus next = status.build();
        DeploymentStatus now = d.getStatus();
        if (now != null && Objects.equals(now.getReadyReplicas(), next.getReadyReplicas())
                && Objects.equals(now.getReplicas(), next.getReplicas())
                && (now.getConditions() == null ? 0 : now.getConditions().size()) == next.getConditions().size()) {
            return;
        }
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(next);
                    return x;
                });
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
