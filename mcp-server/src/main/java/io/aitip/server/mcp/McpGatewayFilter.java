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
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * Covers the MCP SDK's gaps on {@code /mcp} (STACK.md): binds sessions to the principal that
 * opened them, reads the JSON-RPC id of {@code tools/call} for cancellation, honours
 * {@code notifications/cancelled}, and keeps stack traces out of every error body. Runs after the
 * authentication filter.
 */
public class McpGatewayFilter extends OncePerRequestFilter {

    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final byte[] TOOLS_CALL = "tools/call".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CANCELLED = "notifications/cancelled".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final McpSessionRegistry sessions;
    private final int maxBodyBytes;

    public McpGatewayFilter(McpSessionRegistry sessions, int maxBodyBytes) {
        this.sessions = sessions;
        this.maxBodyBytes = maxBodyBytes;
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
