package io.aitip.server.live;

import io.aitip.policy.auth.AuthenticationException;
import io.aitip.policy.auth.Authenticator;
import io.aitip.server.web.HostOriginGuard;
import io.aitip.server.web.RequestAttributes;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the WebSocket upgrade the way REST requests are: {@code Authorization: Bearer
 * <api key | JWT>}; browsers, which cannot set headers on a WebSocket, may pass the same credential
 * as {@code ?access_token=}. Host and Origin go through the same DNS-rebinding guard as /mcp and /api.
 */
final class AgentStreamHandshake implements HandshakeInterceptor {

    private final Authenticator authenticator;
    private final HostOriginGuard guard;

    AgentStreamHandshake(Authenticator authenticator, HostOriginGuard guard) {
        this.authenticator = authenticator;
        this.guard = guard;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!guard.hostAllowed(request.getHeaders().getFirst("Host"))
                || !guard.originAllowed(request.getHeaders().getFirst("Origin"))) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        String header = request.getHeaders().getFirst("Authorization");
        if (header == null) {
            String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("access_token");
            header = token == null ? null : "Bearer " + token;
        }
        try {
            attributes.put(RequestAttributes.PRINCIPAL, authenticator.authenticate(header));
            return true;
        } catch (AuthenticationException e) {
            response.getHeaders().set("WWW-Authenticate", "Bearer realm=\"aitip\"");
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
