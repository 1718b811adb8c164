package io.aitip.platform.inference;

import java.time.Instant;

/**
 * An inference service as stored: which model version it serves (and a canary version with its
 * share of traffic), on which runtime, with how many replicas of which GPUs each.
 */
public record Deployment(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String modelId,
        String modelName,
        String modelVersion,
        String profile,
        String canaryVersion,
        String canaryProfile,
        int canaryPercent,
        InferenceRuntime runtime,
        String gpuType,
        int gpuCount,
        int replicas,
        int minReplicas,
        int maxReplicas,
        ServiceStatus status,
        String statusMessage,
        Instant readyAt,
        Instant endedAt,
        Instant createdAt,
        Instant updatedAt) {

    public boolean hasCanary() {
        return canaryVersion != null;
    }
}
