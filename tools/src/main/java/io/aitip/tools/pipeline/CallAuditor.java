package io.aitip.tools.pipeline;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Writes the audit row for a finished call, with secrets redacted from its arguments. */
final class CallAuditor {

    private final AuditSink sink;

    CallAuditor(AuditSink sink) {
        this.sink = sink;
    }

    ExecutionResult finish(Invocation call, ToolSpec spec, JsonNode arguments, String executionId, String decision,
                           String rule, long startedNanos, ExecutionResult result) {
        Principal principal = call.principal();
        String code = result.error() != null ? result.error().code().name() : result.status().wire();
        sink.record(new AuditEvent(
                Instant.now(),
                principal.orgId(),
                principal.projectId(),
                principal.subject(),
                call.door(),
                spec != null ? spec.name() : call.tool(),
                Redactor.redact(arguments),
                decision,
                rule,
                code,
                executionId,
                (System.nanoTime() - startedNanos) / 1_000,
                call.traceId()));
        return result;
    }
}
