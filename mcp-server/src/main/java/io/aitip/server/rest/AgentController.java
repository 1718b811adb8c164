package io.aitip.server.rest;

import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.server.web.ApiErrors;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.ExecutionRecords;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.ExecutionStore;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.render.McpToolView;
import io.aitip.tools.render.OpenAiToolView;
import io.aitip.tools.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The REST Agent API of the seed documents, and the OpenAI function-calling door. */
@RestController
public class AgentController {

    private final InvocationPipeline pipeline;
    private final ExecutionStore executions;
    private final UrlGuard callbackGuard;

    public AgentController(InvocationPipeline pipeline, ExecutionStore executions, UrlGuard callbackGuard) {
        this.pipeline = pipeline;
        this.executions = executions;
        this.callbackGuard = callbackGuard;
    }

    @GetMapping("/api/v1/agent/tools")
    public Map<String, Object> tools(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                     @RequestParam(defaultValue = "mcp") String format) {
        var visible = pipeline.visibleTools(principal);
        return switch (format) {
            case "openai" -> Map.of("format", "openai", "tools", OpenAiToolView.renderAll(visible));
            case "mcp" -> Map.of("format", "mcp", "tools", visible.stream().map(McpToolView::render).toList());
            default -> throw new ToolException(io.aitip.tools.model.ToolError.at(ErrorCode.INVALID_ARGUMENTS,
                    "format must be mcp or openai.", "/format"));
        };
    }

    /** One call (plain or OpenAI shape), or an array of OpenAI tool calls (a model's {@code tool_calls}). */
    @PostMapping({"/api/v1/agent/execute", "/agent/execute"})
    public ResponseEntity<JsonNode> execute(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String traceId,
                                            @RequestBody JsonNode body) {
        if (body.isArray()) {
            ArrayNode messages = Json.MAPPER.createArrayNode();
            for (int i = 0; i < body.size(); i++) {
                ExecuteRequest call = ExecuteRequest.parse(body.get(i), "/" + i);
                if (!call.openAi()) {
                    throw ToolException.invalid("/" + i, "An array body must hold OpenAI tool calls only.");
                }
                messages.add(toolMessage(call, run(principal, traceId, call)));
            }
            return ResponseEntity.ok(messages);
        }
        ExecuteRequest call = ExecuteRequest.parse(body, "");
        ExecutionResult result = run(principal, traceId, call);
        if (call.openAi()) {
            return ResponseEntity.ok(toolMessage(call, result));
        }
        return ApiErrors.withRetryAfter(ResponseEntity.status(status(result)), result.error()).body(Json.tree(result));
    }

    @GetMapping("/api/v1/agent/executions/{id}")
    public ExecutionResult execution(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                     @PathVariable String id) {
        return executions.find(principal.orgId(), id).map(ExecutionRecords::toResult)
                .orElseThrow(() -> ToolException.notFound("Execution", id,
                        "Execution ids come from /api/v1/agent/execute; async ones are kept, read-only sync calls are not."));
    }

    private ExecutionResult run(Principal principal, String traceId, ExecuteRequest call) {
        Door door = call.openAi() ? Door.OPENAI : Door.REST;
        // --- callbacks: a callback_url must pass the SSRF guard before anything runs
        if (call.callbackUrl() != null) {
            try {
                callbackGuard.check(call.callbackUrl());
            } catch (UrlGuard.Refused e) {
                throw ToolException.invalid("/callback_url", e.getMessage());
            }
        }
        // --- end callbacks
        return pipeline.invoke(new Invocation(principal, door, call.tool(), call.params(), call.idempotencyKey(),
                call.dryRun(), call.async(), call.confirmationToken(), call.callbackUrl(), null, null, traceId));
    }

    /** The OpenAI {@code tool} message that answers a tool call. */
    private static ObjectNode toolMessage(ExecuteRequest call, ExecutionResult result) {
        ObjectNode message = Json.object();
        message.put("role", "tool");
        message.put("tool_call_id", call.openAiCallId());
        message.put("content", Json.write(result));
        return message;
    }

    private static int status(ExecutionResult result) {
        if (result.error() != null) {
            return result.status() == ExecutionStatus.NEEDS_CONFIRMATION ? 202 : ApiErrors.status(result.error().code());
        }
        return result.status() == ExecutionStatus.QUEUED ? 202 : 200;
    }
}
