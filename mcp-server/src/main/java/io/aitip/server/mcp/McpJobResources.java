package io.aitip.server.mcp;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Training jobs as MCP resources: {@code aitip://training/jobs/{job_id}} reads as JSON with the job
 * (status, monitoring links) and its last log lines. Reads go through the invocation pipeline as
 * {@code training_get} and {@code training_logs}, so RBAC, tenancy and audit apply exactly as for
 * the tools. Clients subscribe with {@code resources/subscribe}; {@link McpResourceNotifier} sends
 * {@code notifications/resources/updated} when the job moves or writes output.
 */
public final class McpJobResources {

    public static final String TEMPLATE = "aitip://training/jobs/{job_id}";
    static final Pattern URI = Pattern.compile("aitip://training/jobs/(train-[0-9a-f]{4,32})");
    static final int LOG_LINES = 50;

    private McpJobResources() {
    }

    public static String uri(String jobId) {
        return "aitip://training/jobs/" + jobId;
    }

    /**
     * Whether this principal may read (and so subscribe to) the resource: the SDK keeps
     * subscriptions without asking, so the gateway asks here before it lets a subscribe through.
     */
    public static boolean readable(InvocationPipeline pipeline, Principal principal, String uri) {
        if (uri == null || !uri.startsWith("aitip://")) {
            return true; // not one of AITIP's resources (e.g. the conformance fixtures): the SDK answers
        }
        Matcher m = URI.matcher(uri);
        return m.matches() && call(pipeline, principal, "training_get", Map.of("job_id", m.group(1))).error() == null;
    }

    static SyncResourceTemplateSpecification specification(InvocationPipeline pipeline, McpToolBridge bridge) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(TEMPLATE, "training-job")
                .title("Training job")
                .description("A training job's status, result and last " + LOG_LINES + " log lines as JSON. "
                        + "Subscribe to be notified when it changes; the job ids come from training_submit or "
                        + "training_list.")
                .mimeType("application/json")
                .build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> read(pipeline, bridge, exchange,
                request.uri()));
    }

    private static McpSchema.ReadResourceResult read(InvocationPipeline pipeline, McpToolBridge bridge,
                                                     McpSyncServerExchange exchange, String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        String jobId = m.group(1);
        Principal principal = bridge.principal(exchange.transportContext());
        ExecutionResult job = call(pipeline, principal, "training_get", Map.of("job_id", jobId));
        if (job.error() != null) {
            if (job.error().code() == ErrorCode.NOT_FOUND) {
                throw McpError.RESOURCE_NOT_FOUND.apply(uri);
            }
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(job.error().message())
                    .data(Map.of("code", job.error().code().name())).build();
        }
        ExecutionResult logs = call(pipeline, principal, "training_logs", Map.of("job_id", jobId, "tail", LOG_LINES));
        ObjectNode body = Json.object();
        body.set("job", job.result().has("job") ? job.result().get("job") : job.result());
        body.set("logs", logs.error() == null ? logs.result().path("lines") : Json.object());
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, Json.write(body))
                .mimeType("application/json").build())).build();
    }

    private static ExecutionResult call(InvocationPipeline pipeline, Principal principal, String tool,
                                        Map<String, Object> arguments) {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        return pipeline.invoke(Invocation.of(principal, Door.MCP, tool, Json.tree(args)));
    }
}
