package io.aitip.executors.kubernetes.workloads;

/**
 * The state of a launched workload, as the platform services read it.
 *
 * @param phase          batch runs: {@code queued}, {@code running}, {@code succeeded}, {@code failed};
 *                       services: {@code progressing}, {@code ready}, {@code failed}, {@code absent}
 * @param message        why, in words
 * @param readyReplicas  services: replicas ready to serve (0 for batch runs)
 * @param replicas       services: replicas wanted
 */
public record WorkloadState(String phase, String message, int readyReplicas, int replicas) {
}
