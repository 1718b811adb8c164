package io.aitip.executors.kubernetes.workloads;

/**
 * A canary of an inference service: a second Deployment serving {@code modelVersion}, receiving
 * {@code trafficPercent} of the requests.
 */
public record CanarySpec(String modelVersion, String modelUri, int trafficPercent, int replicas) {

    public CanarySpec {
        if (trafficPercent < 0 || trafficPercent > 100) {
            throw new IllegalArgumentException("traffic_percent must be 0..100, not " + trafficPercent);
        }
        replicas = Math.max(1, replicas);
    }
}
