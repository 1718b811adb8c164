package io.aitip.server.mcp;

import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP face of the confirmation gate: when a call needs confirmation and the client declared the
 * elicitation capability, ask the user through the client and hand back the gate's token if they
 * accept. Clients without the capability get the token in the result instead (never a silent
 * allow). The 2026-07-28 {@code input_required} result would be a second implementation of this step.
 */
final class McpElicitationConfirmer {

    private static final Logger log = LoggerFactory.getLogger(McpElicitationConfirmer.class);
    private static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("confirm", Map.of("type", "boolean", "title", "Confirm",
                    "description", "Run this action now")),
            "required", java.util.List.of("confirm"));

    private McpElicitationConfirmer() {
    }

    /** The confirmation token to retry with, when the user accepted; empty when not asked or not accepted. */
    static Optional<String> confirm(McpSyncServerExchange exchange, ExecutionResult result) {
        if (result.status() != ExecutionStatus.NEEDS_CONFIRMATION || result.confirmation() == null || !canElicit(exchange)) {
            return Optional.empty();
        }
        String message = "Confirm " + result.tool() + ": " + result.confirmation().summary();
        try {
            McpSchema.ElicitResult answer = exchange.createElicitation(McpSchema.ElicitRequest.builder(message, SCHEMA).build());
            boolean accepted = answer.action() == McpSchema.ElicitResult.Action.ACCEPT
                    && answer.content() != null && Boolean.TRUE.equals(answer.content().get("confirm"));
            return accepted ? Optional.of(result.confirmation().token()) : Optional.empty();
        } catch (RuntimeException e) {
            log.warn("elicitation for {} failed; answering with the confirmation token instead: {}", result.tool(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean canElicit(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        return capabilities != null && capabilities.elicitation() != null;
    }
}
