package io.aitip.platform.releases;

import java.time.Instant;
import java.util.List;

/** A release as stored: which model version goes to which service, how, and how far it got. */
public record Release(
        String id,
        String orgId,
        String projectId,
        String createdBy,
        String name,
        String description,
        String modelId,
        String modelName,
        String modelVersion,
        String profile,
        String serviceId,
        String previousVersion,
        String previousProfile,
        ReleaseStrategy strategy,
        List<Integer> stages,
        int currentStage,
        int trafficPercent,
        ReleaseStatus status,
        String approvedBy,
        Instant approvedAt,
        String approvalComment,
        String rolledBackBy,
        Instant rolledBackAt,
        String rollbackReason,
        Instant createdAt,
        Instant updatedAt) {

    public Release {
        stages = List.copyOf(stages);
    }

    /** The traffic share the next promotion sets, or null after the last stage. */
    public Integer nextStagePercent() {
        return currentStage + 1 < stages.size() ? stages.get(currentStage + 1) : null;
    }
}
