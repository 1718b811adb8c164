package io.aitip.server.mcp;

import io.aitip.server.web.CachedBodyRequest;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.json.Json;
import io.aitip.tools.security.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiPredicate;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Covers the MCP SDK's gaps on {@code /mcp} (STACK.md): binds sessions to the principal that
 * opened them, reads the JSON-RPC id of {@code tools/call} for cancellation, honours
 * {@code notifications/cancelled}, refuses {@code resources/subscribe} to a resource the caller
 * cannot read (the SDK would notify any session of any URI), and keeps stack traces out of every
 * error body. Runs after the authentication filter.
 */
public class McpGatewayFilter extends OncePerRequestFilter {

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final byte[] TOOLS_CALL = "tools/call".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CANCELLED = "notifications/cancelled".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "resources/subscribe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** JSON-RPC error code of the MCP spec for a resource that does not exist (for this caller). */
    private static final int RESOURCE_NOT_FOUND = -32002;
    private final McpSessionRegistry sessions;
    private final int maxBodyBytes;
    private final BiPredicate<Principal, String> readable;

    public McpGatewayFilter(McpSessionRegistry sessions, int maxBodyBytes, BiPredicate<Principal, String> readable) {
        this.sessions = sessions;
        this.maxBodyBytes = maxBodyBytes;
        this.readable = readable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal principal = (Principal) request.getAttribute(RequestAttributes.PRINCIPAL);
        SafeMcpResponse safe = new SafeMcpResponse(response);
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId != null && !sessions.ownedBy(sessionId, principal.subject())) {
            // another principal's session: answer as if it did not exist
            safe.sendError(HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        HttpServletRequest forward = request;
        if ("POST".equals(request.getMethod())) {
            byte[] body = CachedBodyRequest.readBounded(request, maxBodyBytes);
            if (body == null) {
                safe.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body exceeds " + maxBodyBytes + " bytes.");
                return;
            }
            String refused = refusedSubscription(principal, body);
            if (refused != null) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("application/json");
                response.getOutputStream().write(refused.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            inspect(request, sessionId, body);
            forward = new CachedBodyRequest(request, body);
        }
        try {
            chain.doFilter(forward, safe);
        } finally {
            safe.finish();
        }
        String opened = safe.openedSessionId();
        if (opened != null) {
            sessions.bind(opened, principal.subject());
        }
        if ("DELETE".equals(request.getMethod()) && sessionId != null) {
            sessions.forget(sessionId);
        }
    }

    /** The JSON-RPC error answer to a subscribe the caller may not make, or null to let it through. */
    private String refusedSubscription(Principal principal, byte[] body) {
        if (!mentions(body, SUBSCRIBE)) {
            return null;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body);
        } catch (RuntimeException malformed) {
            return null;
        }
        if (!"resources/subscribe".equals(message.path("method").asString("")) || !message.has("id")) {
            return null;
        }
        String uri = message.path("params").path("uri").asString(null);
        if (readable.test(principal, uri)) {
            return null;
        }
        ObjectNode error = Json.object();
        error.put("code", RESOURCE_NOT_FOUND);
        error.put("message", "Resource not found: " + uri + ". Subscribe to a job of your project (training_list).");
        ObjectNode answer = Json.object();
        answer.put("jsonrpc", "2.0");
        answer.set("id", message.get("id"));
        answer.set("error", error);
        return Json.write(answer);
    }

    private void inspect(HttpServletRequest request, String sessionId, byte[] body) {
        if (!mentions(body, TOOLS_CALL) && !mentions(body, CANCELLED)) {
            return; // nothing to track: skip parsing most messages twice
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body);
        } catch (RuntimeException malformed) {
            return; // the SDK answers malformed JSON-RPC with a parse error
        }
        String method = message.path("method").asString("");
        if ("tools/call".equals(method) && message.has("id")) {
            request.setAttribute(RequestAttributes.RPC_ID, message.get("id").toString());
            request.setAttribute(RequestAttributes.SESSION_ID, sessionId);
        } else if ("notifications/cancelled".equals(method) && sessionId != null) {
            JsonNode requestId = message.path("params").path("requestId");
            if (!requestId.isMissingNode()) {
                sessions.cancel(sessionId, requestId.toString());
            }
        }
    }

    private static boolean mentions(byte[] body, byte[] needle) {
        outer:
        for (int i = 0; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
