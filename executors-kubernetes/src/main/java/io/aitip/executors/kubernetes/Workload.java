package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What one AITIP object becomes in the cluster: the primary resource (whose status AITIP follows
 * and whose deletion removes the rest) and its companions (a headless Service, an HPA, …), in the
 * order they are created.
 *
 * @param kind    {@code Job}, {@code IndexedJob}, {@code TrainJob}, {@code RayJob}, {@code MPIJob},
 *                {@code Deployment}
 * @param objects the primary resource first
 */
public record Workload(String kind, List<HasMetadata> objects) {

    public Workload {
        objects = List.copyOf(objects);
    }

    public HasMetadata primary() {
        return objects.get(0);
    }

    public String namespace() {
        return primary().getMetadata().getNamespace();
    }

    public String name() {
        return primary().getMetadata().getName();
    }
}
