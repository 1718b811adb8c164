package io.aitip.tools.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.aitip.tools.model.ToolError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The execute result of the public contract; the same fields are the MCP {@code structuredContent}.
 */
public record ExecutionResult(
        String executionId,
        ExecutionStatus status,
        String tool,
        JsonNode result,
        ToolError error,
        ConfirmationGate.Ticket confirmation,
        Map<String, Object> monitoring) {

    public static ExecutionResult failed(String executionId, String tool, ExecutionStatus status, ToolError error) {
        return new ExecutionResult(executionId, status, tool, null, error, null, null);
    }

    @JsonIgnore
    public boolean isError() {
        return error != null;
    }
}
