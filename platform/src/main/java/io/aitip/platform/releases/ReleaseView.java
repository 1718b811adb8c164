package io.aitip.platform.releases;

import java.time.Instant;
import java.util.List;

/** A release as the tools return it: what goes where, how far it got, who approved it, and its audit trail. */
public record ReleaseView(
        String releaseId,
        String name,
        String description,
        String status,
        Model model,
        Service service,
        String previousVersion,
        String strategy,
        List<Integer> stages,
        int stage,
        int trafficPercent,
        Integer nextStagePercent,
        String createdBy,
        Approval approval,
        Rollback rollback,
        List<ReleaseEvent> events,
        String next,
        Instant createdAt,
        Instant updatedAt) {

    public record Model(String id, String name, String version, String profile) {
    }

    public record Service(String id, String name) {
    }

    public record Approval(String approvedBy, Instant approvedAt, String comment) {
    }

    public record Rollback(String rolledBackBy, Instant rolledBackAt, String reason) {
    }

    static ReleaseView of(Release r, String serviceName, List<ReleaseEvent> events) {
        return new ReleaseView(r.id(), r.name(), r.description(), r.status().wire(),
                new Model(r.modelId(), r.modelName(), r.modelVersion(), r.profile()), new Service(r.serviceId(), serviceName),
                r.previousVersion(), r.strategy().wire(), r.stages(), r.currentStage() + 1, r.trafficPercent(),
                r.status() == ReleaseStatus.PENDING_APPROVAL || r.status() == ReleaseStatus.CANARY ? r.nextStagePercent() : null,
                r.createdBy(), r.approvedBy() == null ? null : new Approval(r.approvedBy(), r.approvedAt(), r.approvalComment()),
                r.rolledBackBy() == null ? null : new Rollback(r.rolledBackBy(), r.rolledBackAt(), r.rollbackReason()),
                events, next(r), r.createdAt(), r.updatedAt());
    }

    /** What to call next, for the agent reading this. */
    private static String next(Release r) {
        return switch (r.status()) {
            case DRAFT, PENDING_APPROVAL -> r.approvedBy() == null
                    ? "Another member must call release_approve (the creator cannot approve their own release)."
                    : "Call release_promote to send " + r.nextStagePercent() + " % of traffic to " + r.modelVersion() + ".";
            case CANARY -> "Check inference_metrics, then release_promote to " + r.nextStagePercent()
                    + " %, or release_rollback.";
            case PRODUCTION -> r.modelVersion() + " serves all traffic; release_rollback restores " + r.previousVersion() + ".";
            case ROLLED_BACK -> "Rolled back; create a new release to try again.";
        };
    }
}
