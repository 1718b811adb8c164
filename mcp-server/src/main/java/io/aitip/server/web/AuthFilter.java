package io.aitip.server.web;

import io.aitip.policy.auth.AuthenticationException;
import io.aitip.policy.auth.Authenticator;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /mcp} and {@code /api/**}: DNS-rebinding protection (Host and Origin), then
 * {@code Authorization: Bearer} → principal, stored as a request attribute for the doors. Sign-up
 * and login are the only unauthenticated API routes.
 */
public class AuthFilter extends OncePerRequestFilter {

    private static final Set<String> PUBLIC = Set.of("/api/v1/auth/register", "/api/v1/auth/login");

    /**
     * The conformance profile's caller: the official suite cannot send credentials, so with
     * AITIP_CONFORMANCE=true an unauthenticated MCP request acts as this principal. It is granted no
     * permission, so it sees and calls only the suite's fixtures, never a platform tool.
     */
    static final Principal CONFORMANCE_ANONYMOUS = new Principal("anonymous", "anonymous", "none", "none", null,
            Role.VIEWER, Set.of("conformance:none"), null);

    private final Authenticator authenticator;
    private final HostOriginGuard guard;
    private final boolean anonymousMcp;
    private final long maxBodyBytes;

    public AuthFilter(Authenticator authenticator, HostOriginGuard guard, boolean anonymousMcp, long maxBodyBytes) {
        this.authenticator = authenticator;
        this.guard = guard;
        this.anonymousMcp = anonymousMcp;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/mcp") || path.startsWith("/mcp/") || path.startsWith("/api/") || path.startsWith("/agent/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean mcp = request.getRequestURI().startsWith("/mcp");
        String traceId = Ids.next("trace", 8).substring(6);
        request.setAttribute(RequestAttributes.TRACE_ID, traceId);
        response.setHeader("X-Trace-Id", traceId);
        if (!guard.hostAllowed(request.getHeader("Host"))) {
            refuse(response, mcp, 421, ErrorCode.PERMISSION_DENIED,
                    "Host not allowed. Add it to AITIP_ALLOWED_HOSTS if this server is reached by that name.");
            return;
        }
        if (!guard.originAllowed(request.getHeader("Origin"))) {
            refuse(response, mcp, 403, ErrorCode.PERMISSION_DENIED,
                    "Origin not allowed. Add its host to AITIP_ALLOWED_HOSTS to call this server from that page.");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(response, mcp, 413, ErrorCode.INVALID_ARGUMENTS, tooLarge());
            return;
        }
        if (!mcp && request.getContentLengthLong() < 0 && "POST".equals(request.getMethod())) {
            // a chunked body has no Content-Length: read it bounded so it cannot exceed the cap either
            byte[] body = CachedBodyRequest.readBounded(request, (int) maxBodyBytes);
            if (body == null) {
                refuse(response, false, 413, ErrorCode.INVALID_ARGUMENTS, tooLarge());
                return;
            }
            request = new CachedBodyRequest(request, body);
        }
        if (PUBLIC.contains(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        if (mcp && anonymousMcp && request.getHeader("Authorization") == null) {
            request.setAttribute(RequestAttributes.PRINCIPAL, CONFORMANCE_ANONYMOUS);
            chain.doFilter(request, response);
            return;
        }
        try {
            request.setAttribute(RequestAttributes.PRINCIPAL, authenticator.authenticate(request.getHeader("Authorization")));
        } catch (AuthenticationException e) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"aitip\"");
            refuse(response, mcp, 401, ErrorCode.UNAUTHENTICATED, e.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }

    private String tooLarge() {
        return "Request body exceeds " + maxBodyBytes + " bytes. Send less per call (lists take limit and cursor).";
    }

    private static void refuse(HttpServletResponse response, boolean mcp, int status, ErrorCode code, String message)
            throws IOException {
        if (!mcp) {
            ApiErrors.write(response, status, code, message);
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(Json.write(Map.of("jsonrpc", "2.0",
                "error", Map.of("code", -32001, "message", message, "data", Map.of("code", code.name())))));
    }
}
