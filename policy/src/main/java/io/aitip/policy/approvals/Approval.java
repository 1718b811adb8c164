package io.aitip.policy.approvals;

import java.time.Instant;

/** One approval request as stored: the exact call, who asked, and how it was decided and run. */
public record Approval(
        String id,
        String orgId,
        String projectId,
        String tool,
        String argumentsJson,
        String argumentsHash,
        String rule,
        String reason,
        String policyVersion,
        String requesterId,
        String requesterName,
        String requesterSubject,
        String requesterKeyId,
        String door,
        String idempotencyKey,
        String callbackUrl,
        String traceId,
        String status,
        String decidedBy,
        String decidedByName,
        Instant decidedAt,
        String comment,
        String executionId,
        Instant executedAt,
        Instant expiresAt,
        Instant createdAt) {

    public boolean pending() {
        return "pending".equals(status);
    }
}
