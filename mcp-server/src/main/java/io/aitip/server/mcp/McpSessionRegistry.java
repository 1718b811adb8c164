package io.aitip.server.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * What the SDK does not track: which principal opened each MCP session (a session id presented by
 * anyone else is refused), and a cancellation flag per in-flight {@code tools/call}.
 */
@Component
public class McpSessionRegistry {

    private final Map<String, String> ownerBySession = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> inFlight = new ConcurrentHashMap<>();

    public void bind(String sessionId, String subject) {
        ownerBySession.put(sessionId, subject);
    }

    /** True when the session was opened by this subject (or is unknown to us: the SDK then answers 404). */
    public boolean ownedBy(String sessionId, String subject) {
        String owner = ownerBySession.get(sessionId);
        return owner == null || owner.equals(subject);
    }

    public void forget(String sessionId) {
        ownerBySession.remove(sessionId);
        inFlight.keySet().removeIf(key -> key.startsWith(sessionId + "#"));
    }

    /** The flag a running call watches; registered before the handler starts. */
    public AtomicBoolean track(String sessionId, Object rpcId) {
        return inFlight.computeIfAbsent(key(sessionId, rpcId), k -> new AtomicBoolean());
    }

    public void untrack(String sessionId, Object rpcId) {
        inFlight.remove(key(sessionId, rpcId));
    }

    /** Handles {@code notifications/cancelled}: flags the call if it is still running. */
    public void cancel(String sessionId, Object rpcId) {
        AtomicBoolean flag = inFlight.get(key(sessionId, rpcId));
        if (flag != null) {
            flag.set(true);
        }
    }

    private static String key(String sessionId, Object rpcId) {
        return sessionId + "#" + rpcId;
    }
}
