package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** Where the status loop reads workloads and pods: the informer caches while watching, else the API server. */
interface ClusterView {

    Optional<HasMetadata> training(String namespace, String id);

    List<Pod> pods(String namespace, String id);

    /** Straight from the API server. */
    static ClusterView direct(Cluster cluster) {
        return new ClusterView() {
            @Override
            public Optional<HasMetadata> training(String namespace, String id) {
                return cluster.findTraining(namespace, id);
            }

            @Override
            public List<Pod> pods(String namespace, String id) {
                return cluster.pods(namespace, id);
            }
        };
    }
}
