package io.aitip.tools.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.aitip.tools.model.ToolError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The execute result of the public contract; the same fields are the MCP {@code structuredContent}.
 *
 * @param approval set when the call waits for an approval ({@code pending_approval})
 * @param estimate the GPU cost estimate of GPU work ({@code gpu_hours}, {@code gpus}, …), where the
 *                 policy engine made one
 */
public record ExecutionResult(
        String executionId,
        ExecutionStatus status,
        String tool,
        JsonNode result,
        ToolError error,
        ConfirmationGate.Ticket confirmation,
        ApprovalGate.Request approval,
        Map<String, Object> estimate,
        Map<String, Object> monitoring) {

    public ExecutionResult(String executionId, ExecutionStatus status, String tool, JsonNode result, ToolError error,
                           ConfirmationGate.Ticket confirmation, Map<String, Object> monitoring) {
        this(executionId, status, tool, result, error, confirmation, null, null, monitoring);
    }

    public static ExecutionResult failed(String executionId, String tool, ExecutionStatus status, ToolError error) {
        return new ExecutionResult(executionId, status, tool, null, error, null, null);
    }

    /** The same result carrying a cost estimate. */
    public ExecutionResult withEstimate(Map<String, Object> estimate) {
        return new ExecutionResult(executionId, status, tool, result, error, confirmation, approval, estimate, monitoring);
    }

    @JsonIgnore
    public boolean isError() {
        return error != null;
    }
}
