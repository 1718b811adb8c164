package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Which operators the cluster has, read from its CustomResourceDefinitions and cached for a minute:
 * Kubeflow Trainer v2 ({@code TrainJob}), KubeRay ({@code RayJob}), the MPI operator ({@code MPIJob}),
 * Kueue and the Gateway API. Workload kinds follow from it (a TrainJob where the Trainer exists, an
 * indexed Job otherwise), so one AITIP build serves clusters with and without those operators.
 */
public final class ClusterCapabilities {

    public static final String TRAIN_JOB_CRD = "trainjobs.trainer.kubeflow.org";
    public static final String RAY_JOB_CRD = "rayjobs.ray.io";
    public static final String MPI_JOB_CRD = "mpijobs.kubeflow.org";
    public static final String KUEUE_CRD = "localqueues.kueue.x-k8s.io";
    public static final String HTTP_ROUTE_CRD = "httproutes.gateway.networking.k8s.io";

    /** What was found. */
    public record Found(boolean trainJob, boolean rayJob, boolean mpiJob, boolean kueue, boolean gatewayApi) {

        public static Found none() {
            return new Found(false, false, false, false, false);
        }
    }

    private static final Duration TTL = Duration.ofMinutes(1);

    private final Supplier<Found> detector;
    private final String kueueMode;
    private volatile Found cached;
    private volatile Instant detectedAt = Instant.EPOCH;

    public ClusterCapabilities(KubernetesClient client, String kueueMode) {
        this(() -> detect(client), kueueMode);
    }

    /** With a fixed answer (manifest tests). */
    public static ClusterCapabilities fixed(Found found) {
        return new ClusterCapabilities(() -> found, "auto");
    }

    private ClusterCapabilities(Supplier<Found> detector, String kueueMode) {
        this.detector = detector;
        this.kueueMode = kueueMode;
    }

    public Found now() {
        Found found = cached;
        if (found == null || Instant.now().isAfter(detectedAt.plus(TTL))) {
            found = detector.get();
            found = new Found(found.trainJob(), found.rayJob(), found.mpiJob(),
                    switch (kueueMode) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> found.kueue();
                    }, found.gatewayApi());
            cached = found;
            detectedAt = Instant.now();
        }
        return found;
    }

    /** Forgets the cached answer (after an operator was installed, or in tests). */
    public void refresh() {
        cached = null;
    }

    private static Found detect(KubernetesClient client) {
        return new Found(has(client, TRAIN_JOB_CRD), has(client, RAY_JOB_CRD), has(client, MPI_JOB_CRD),
                has(client, KUEUE_CRD), has(client, HTTP_ROUTE_CRD));
    }

    private static boolean has(KubernetesClient client, String crd) {
        try {
            return client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
        } catch (KubernetesClientException e) {
            return false; // no permission to read CRDs: act as if the operator were absent
        }
    }
}
