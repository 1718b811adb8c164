package io.aitip.policy.approvals;

import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.Redactor;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An approval as tools show it: the call with its secrets redacted, who asked, and how it was decided. */
public record ApprovalView(
        String approvalId,
        String status,
        String tool,
        JsonNode arguments,
        String argumentsHash,
        String rule,
        String reason,
        String requester,
        String door,
        Instant createdAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String comment,
        String executionId,
        Instant executedAt) {

    public static ApprovalView of(Approval a) {
        return new ApprovalView(a.id(), a.status(), a.tool(), Redactor.redact(Json.MAPPER.readTree(a.argumentsJson())),
                a.argumentsHash(), a.rule(), a.reason(), a.requesterName(), a.door(), a.createdAt(), a.expiresAt(),
                a.decidedByName(), a.decidedAt(), a.comment(), a.executionId(), a.executedAt());
    }
}
