package io.aitip.server.mcp;

import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.render.McpToolView;
import io.aitip.tools.security.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Connects the catalog to the MCP SDK: each tool becomes an SDK tool whose handler only converts
 * the request into an {@link Invocation} and the {@link ExecutionResult} back into a
 * {@code CallToolResult}. Everything else (validation, policy, audit) happens in the pipeline.
 *
 * <p>Callers pass an idempotency key and a confirmation token in the request's {@code _meta}
 * ({@code aitip/idempotency_key}, {@code aitip/confirmation_token}), and ask for a dry run with
 * {@code aitip/dry_run: true}.
 */
public final class McpToolBridge {

    public static final String META_IDEMPOTENCY_KEY = "aitip/idempotency_key";
    public static final String META_CONFIRMATION_TOKEN = "aitip/confirmation_token";
    /** {@code true}: decide policy and admission, execute nothing (as REST {@code dry_run}). */
    public static final String META_DRY_RUN = "aitip/dry_run";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(McpToolBridge.class);

    private final InvocationPipeline pipeline;
    private final McpSessionRegistry sessions;
    private final McpJsonMapper mapper;
    private final Supplier<Principal> fallbackPrincipal;

    /** @param fallbackPrincipal the principal of transports without HTTP requests (stdio) */
    public McpToolBridge(InvocationPipeline pipeline, McpSessionRegistry sessions, McpJsonMapper mapper,
                         Supplier<Principal> fallbackPrincipal) {
        this.pipeline = pipeline;
        this.sessions = sessions;
        this.mapper = mapper;
        this.fallbackPrincipal = fallbackPrincipal;
    }

    public SyncToolSpecification specification(RegisteredTool tool) {
        McpSchema.Tool sdkTool = mapper.convertValue(Json.MAPPER.convertValue(McpToolView.render(tool), Map.class),
                McpSchema.Tool.class);
        return SyncToolSpecification.builder().tool(sdkTool).callHandler(this::call).build();
    }

    /** The tool filter: a caller sees exactly the tools it may call. Fixtures outside the catalog stay visible. */
    public boolean visible(McpTransportContext context, McpSchema.Tool tool) {
        return pipeline.catalog().find(tool.name())
                .map(registered -> pipeline.visible(principal(context), registered.spec()))
                .orElse(true);
    }

    public Principal principal(McpTransportContext context) {
        Object principal = context == null ? null : context.get(RequestAttributes.PRINCIPAL);
        return principal instanceof Principal p ? p : fallbackPrincipal.get();
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        McpTransportContext context = exchange.transportContext();
        String sessionId = (String) context.get(RequestAttributes.SESSION_ID);
        String rpcId = (String) context.get(RequestAttributes.RPC_ID);
        AtomicBoolean cancelled = sessionId != null && rpcId != null ? sessions.track(sessionId, rpcId) : new AtomicBoolean();
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        Object progressToken = meta.get("progressToken");
        Invocation.ProgressListener progress = progressToken == null ? Invocation.ProgressListener.NONE
                : (done, total, message) -> exchange.progressNotification(
                        new McpSchema.ProgressNotification(progressToken, done, total, message, null));
        JsonNode arguments = Json.MAPPER.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
        Invocation invocation = new Invocation(principal(context), Door.MCP, request.name(), arguments,
                (String) meta.get(META_IDEMPOTENCY_KEY), Boolean.TRUE.equals(meta.get(META_DRY_RUN)), false,
                (String) meta.get(META_CONFIRMATION_TOKEN), null,
                progress, cancelled, (String) context.get(RequestAttributes.TRACE_ID));
        try {
            ExecutionResult result = pipeline.invoke(invocation);
            java.util.Optional<String> token = McpElicitationConfirmer.confirm(exchange, result);
            if (token.isPresent()) {
                result = pipeline.invoke(invocation.withConfirmationToken(token.get()));
            }
            return render(result);
        } catch (RuntimeException | LinkageError e) {
            // the pipeline maps handler failures itself; this catches what escapes it, so the client
            // gets an answer instead of waiting for its timeout
            log.error("tools/call {} failed outside the pipeline (trace {})", request.name(), invocation.traceId(), e);
            return render(ExecutionResult.failed("none", request.name(), io.aitip.tools.pipeline.ExecutionStatus.FAILED,
                    io.aitip.tools.model.ToolError.of(io.aitip.tools.model.ErrorCode.INTERNAL,
                            "Internal error (trace " + invocation.traceId() + "). Retry later; report the trace id if it persists.")));
        } finally {
            if (sessionId != null && rpcId != null) {
                sessions.untrack(sessionId, rpcId);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static McpSchema.CallToolResult render(ExecutionResult result) {
        Map<String, Object> structured = Json.MAPPER.convertValue(result, Map.class);
        return McpSchema.CallToolResult.builder()
                .addTextContent(Json.write(structured))
                .structuredContent(structured)
                .isError(result.isError())
                .build();
    }
}
