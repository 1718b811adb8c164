package io.aitip.executors.kubernetes;

import io.aitip.platform.training.GpuPool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's GPUs as a {@link GpuPool}: each node's allocatable {@code nvidia.com/gpu}, typed by
 * its GPU product label (mapped back through {@code gpu-products}), and the AITIP jobs whose running
 * pods hold them. Cached for two seconds: every submission checks against it.
 */
final class ClusterGpus {

    private static final Duration TTL = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private volatile GpuPool cached;
    private volatile Instant readAt = Instant.EPOCH;

    ClusterGpus(KubernetesClient client, KubernetesProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    GpuPool pool() {
        if (cached == null || Instant.now().isAfter(readAt.plus(TTL))) {
            try {
                cached = read();
                readAt = Instant.now();
            } catch (KubernetesClientException e) {
                if (cached == null) {
                    return GpuPool.none();
                }
            }
        }
        return cached;
    }

    void refresh() {
        cached = null;
    }

    private GpuPool read() {
        Map<String, String> typeOfProduct = new HashMap<>();
        properties.gpuProducts().forEach((type, product) -> typeOfProduct.put(product, type));
        Map<String, Deque<String>> holders = new HashMap<>();
        for (Pod pod : client.pods().inAnyNamespace().withLabels(Labels.SELECTOR).list().getItems()) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node == null || !"Running".equals(PodFacts.phase(pod))) {
                continue;
            }
            int gpus = pod.getSpec().getContainers().stream().mapToInt(c -> gpuLimit(c.getResources() == null ? null
                    : c.getResources().getLimits())).sum();
            for (int i = 0; i < gpus; i++) {
                holders.computeIfAbsent(node, n -> new ArrayDeque<>()).add(pod.getMetadata().getLabels().get(Labels.ID));
            }
        }
        List<GpuPool.Device> devices = new ArrayList<>();
        List<Node> nodes = new ArrayList<>(client.nodes().list().getItems());
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        for (Node node : nodes) {
            int count = node.getStatus() == null ? 0 : gpuLimit(node.getStatus().getAllocatable());
            String product = node.getMetadata().getLabels() == null ? null
                    : node.getMetadata().getLabels().get(properties.gpuProductLabel());
            String type = typeOfProduct.getOrDefault(product, product == null ? "unknown" : Names.dnsLabel(product));
            Deque<String> held = holders.getOrDefault(node.getMetadata().getName(), new ArrayDeque<>());
            for (int i = 0; i < count; i++) {
                devices.add(new GpuPool.Device(devices.size(), type, node.getMetadata().getName() + "/" + i, 0,
                        held.poll()));
            }
        }
        return new GpuPool(devices);
    }

    private static int gpuLimit(Map<String, Quantity> resources) {
        if (resources == null || !resources.containsKey(TrainingPod.GPU)) {
            return 0;
        }
        return resources.get(TrainingPod.GPU).getNumericalAmount().intValue();
    }
}
