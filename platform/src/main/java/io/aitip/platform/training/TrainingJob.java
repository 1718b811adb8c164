package io.aitip.platform.training;

import java.time.Instant;

/**
 * A training job as stored. Resources are flattened ({@code gpuType} is a wire name such as
 * {@code a100}, null for CPU jobs); {@code pid}, {@code workDir} and {@code logOffset} are the
 * executor's bookkeeping for re-attaching after a restart.
 */
public record TrainingJob(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String model,
        String datasetId,
        String datasetVersion,
        String framework,
        String command,
        String image,
        TrainingConfig config,
        String gpuType,
        int gpuCount,
        Double cpu,
        Double memoryGb,
        String distributed,
        int nodes,
        String experimentId,
        int priority,
        Integer maxRuntimeMinutes,
        JobStatus status,
        String statusMessage,
        String assignedGpus,
        Long pid,
        Instant pidStartedAt,
        String workDir,
        long logOffset,
        Integer exitCode,
        String checkpointPath,
        Instant queuedAt,
        Instant startedAt,
        Instant endedAt,
        Instant createdAt,
        Instant updatedAt) {

    public TrainingJob {
        config = config == null ? TrainingConfig.empty() : config;
    }

    /** The queue a job waits in: its GPU type, or {@code cpu} for CPU-only jobs. */
    public String queueKey() {
        return gpuCount > 0 && gpuType != null ? gpuType : "cpu";
    }

    /** A new job, before it is stored: status {@code pending}, no executor fields. */
    public static TrainingJob draft(String id, String orgId, String projectId, String ownerId, String name, String model,
                                    String datasetId, String datasetVersion, String framework, String command,
                                    String image, TrainingConfig config, String gpuType, int gpuCount, Double cpu,
                                    Double memoryGb, String distributed, int nodes, String experimentId, int priority,
                                    Integer maxRuntimeMinutes) {
        return new TrainingJob(id, orgId, projectId, ownerId, name, model, datasetId, datasetVersion, framework, command,
                image, config, gpuType, gpuCount, cpu, memoryGb, distributed, nodes, experimentId, priority,
                maxRuntimeMinutes, JobStatus.PENDING, null, null, null, null, null, 0, null, null, null, null, null,
                null, null);
    }
}
