package io.aitip.platform.training;

import java.time.Instant;

/** A training job as the tools return it: what was asked, where it stands, and where to look next. */
public record JobView(
        String jobId,
        String name,
        String status,
        String statusMessage,
        String model,
        Dataset dataset,
        String framework,
        String command,
        String image,
        TrainingConfig config,
        Resources resources,
        String distributed,
        int nodes,
        String experimentId,
        int priority,
        Integer maxRuntimeMinutes,
        String assignedGpus,
        Integer exitCode,
        String checkpointPath,
        Instant createdAt,
        Instant queuedAt,
        Instant startedAt,
        Instant endedAt,
        Monitoring monitoring) {

    public record Dataset(String id, String version) {
    }

    public record Resources(String gpuType, int gpuCount, Double cpu, Double memoryGb) {
    }

    /** REST routes onto training_get, training_logs and training_metrics. */
    public record Monitoring(String job, String logs, String metrics) {
    }

    public static JobView of(TrainingJob j) {
        String base = "/api/v1/training/jobs/" + j.id();
        return new JobView(j.id(), j.name(), j.status().wire(), j.statusMessage(), j.model(),
                j.datasetId() == null ? null : new Dataset(j.datasetId(), j.datasetVersion()), j.framework(),
                j.command(), j.image(), j.config(), new Resources(j.gpuType(), j.gpuCount(), j.cpu(), j.memoryGb()),
                j.distributed(), j.nodes(), j.experimentId(), j.priority(), j.maxRuntimeMinutes(), j.assignedGpus(),
                j.exitCode(), j.checkpointPath(), j.createdAt(), j.queuedAt(), j.startedAt(), j.endedAt(),
                new Monitoring(base, base + "/logs", base + "/metrics"));
    }
}
