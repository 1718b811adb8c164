package io.aitip.server.live;

import io.aitip.platform.events.EventBus;
import io.aitip.policy.auth.Authenticator;
import io.aitip.server.web.HostOriginGuard;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@code /ws/agent/stream}. Boot's WebSocket starter is missing on the mirror; with
 * {@code tomcat-embed-websocket} on the classpath Boot's Tomcat module registers the WebSocket
 * container, and Spring's {@code spring-websocket} does the rest.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
public class LiveWebSocketConfig implements WebSocketConfigurer {

    private final AgentStreamSocket socket;
    private final Authenticator authenticator;
    private final HostOriginGuard guard;

    public LiveWebSocketConfig(EventBus events, Authenticator authenticator, HostOriginGuard guard) {
        this.socket = new AgentStreamSocket(events);
        this.authenticator = authenticator;
        this.guard = guard;
    }

    /** The handler, for tests and diagnostics. */
    public AgentStreamSocket socket() {
        return socket;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, "/ws/agent/stream")
                .addInterceptors(new AgentStreamHandshake(authenticator, guard))
                // the handshake checks Origin against AITIP_ALLOWED_HOSTS itself
                .setAllowedOriginPatterns("*");
    }
}
