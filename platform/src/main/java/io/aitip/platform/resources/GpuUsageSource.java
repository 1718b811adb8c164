package io.aitip.platform.resources;

import java.time.Instant;
import java.util.List;

/**
 * Something that holds GPUs and can say for how long: training jobs ({@link TrainingGpuUsage}) and
 * inference replicas ({@link InferenceGpuUsage}); another workload adds its own source bean and
 * resources_usage and resources_costs sum them all.
 */
public interface GpuUsageSource {

    /** GPU-hours of one project on one GPU type from one source within a window. */
    record Usage(String source, String projectId, String gpuType, double gpuHours, long workloads) {
    }

    /**
     * Usage within [from, to) of the org, by project and GPU type; only held time inside the window
     * counts, and work still holding GPUs counts up to now.
     *
     * @param projectId only this project, or null for every project of the org
     * @param gpuType   only this GPU type (wire name), or null for every type
     */
    List<Usage> usage(String orgId, String projectId, String gpuType, Instant from, Instant to);
}
