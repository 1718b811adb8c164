package io.aitip.executors.kubernetes.workloads;

/**
 * How a canary's traffic is split.
 *
 * @param by             {@code gateway-api} (an HTTPRoute with weights) or {@code aitip-router} (no
 *                       Gateway API in the cluster: the platform's own router must split requests
 *                       between {@code stableService} and {@code canaryService})
 * @param canaryPercent  the canary's share
 */
public record TrafficSplit(String by, String stableService, String canaryService, int canaryPercent) {
}
