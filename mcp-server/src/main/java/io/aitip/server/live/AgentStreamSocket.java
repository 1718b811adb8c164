package io.aitip.server.live;

import io.aitip.platform.events.EventBus;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.json.Json;
import io.aitip.tools.security.Principal;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;

/**
 * {@code /ws/agent/stream} (seed Agent API): execution and approval events of the caller's org,
 * as JSON text frames {@code {"id","type","subject","at","data"}}. The handshake authenticates like
 * REST ({@link AgentStreamHandshake}); the org filter comes from that principal, never from the
 * client. A client may narrow the stream by sending {@code {"types": ["execution.*"]}} or
 * {@code {"execution_id": "exec-…"}}.
 */
public class AgentStreamSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentStreamSocket.class);

    /** What the stream carries unless the client narrows it. */
    static final String DEFAULT_TYPES = "execution.*,approval.*";
    static final int SEND_TIME_LIMIT_MS = 10_000;
    static final int BUFFER_LIMIT_BYTES = 1024 * 1024;

    private record Connection(ConcurrentWebSocketSessionDecorator session, EventBus.Subscription subscription) {
    }

    private final EventBus events;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public AgentStreamSocket(EventBus events) {
        this.events = events;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        ConcurrentWebSocketSessionDecorator session =
                new ConcurrentWebSocketSessionDecorator(raw, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        Principal principal = (Principal) raw.getAttributes().get(RequestAttributes.PRINCIPAL);
        subscribe(session, EventFilter.of(principal.orgId(), DEFAULT_TYPES, null));
        send(session, Map.of("type", "ready", "data", Map.of("org_id", principal.orgId(), "types", DEFAULT_TYPES)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        Connection current = connections.get(raw.getId());
        if (current == null) {
            return;
        }
        Principal principal = (Principal) raw.getAttributes().get(RequestAttributes.PRINCIPAL);
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(message.getPayload());
        } catch (RuntimeException e) {
            send(current.session(), Map.of("type", "error", "data", Map.of("message",
                    "Send JSON: {\"types\": [\"execution.*\"]} or {\"execution_id\": \"exec-…\"}.")));
            return;
        }
        String types = request.path("types").isArray()
                ? String.join(",", Json.MAPPER.convertValue(request.path("types"), String[].class)) : DEFAULT_TYPES;
        String subject = request.path("execution_id").asString(request.path("job_id").asString(null));
        current.subscription().close();
        subscribe(current.session(), EventFilter.of(principal.orgId(), types, subject));
        send(current.session(), Map.of("type", "subscribed", "data", Map.of("types", types)));
    }

    private void subscribe(ConcurrentWebSocketSessionDecorator session, EventFilter filter) {
        EventBus.Subscription subscription = events.subscribe(filter, e -> send(session, EventFilter.body(e)));
        connections.put(session.getId(), new Connection(session, subscription));
    }

    private void send(ConcurrentWebSocketSessionDecorator session, Map<String, Object> body) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(Json.write(body)));
            }
        } catch (IOException | RuntimeException e) {
            // over the buffer or time limit: the decorator closes the session; the client reconnects
            log.debug("websocket {} send failed: {}", session.getId(), e.toString());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection gone = connections.remove(session.getId());
        if (gone != null) {
            gone.subscription().close();
        }
    }

    /** Open connections now (for tests). */
    public int connections() {
        return connections.size();
    }
}
