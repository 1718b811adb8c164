package io.aitip.tools.pipeline;

import java.time.Instant;

/** A stored execution. {@code resultJson} and {@code errorJson} are null until it ends. */
public record ExecutionRecord(
        String id,
        String orgId,
        String projectId,
        String subject,
        String tool,
        String argumentsHash,
        String idempotencyKey,
        ExecutionStatus status,
        String resultJson,
        String errorJson,
        String callbackUrl,
        Instant createdAt,
        Instant updatedAt) {
}
