package io.aitip.tools.pipeline;

import io.aitip.tools.model.Door;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One audit row: who called what through which door, what was decided and by which rule, and how
 * it ended. Arguments are already redacted.
 */
public record AuditEvent(
        Instant at,
        String orgId,
        String projectId,
        String principal,
        Door door,
        String tool,
        JsonNode arguments,
        String decision,
        String rule,
        String resultCode,
        String executionId,
        long latencyMicros,
        String traceId) {
}
