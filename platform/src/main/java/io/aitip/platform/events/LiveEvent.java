package io.aitip.platform.events;

import io.aitip.tools.model.Ids;
import java.time.Instant;
import java.util.Map;

/**
 * Something that just happened, for live watchers (SSE, WebSocket, MCP resource subscriptions).
 * Unlike a webhook event it is not stored: a watcher that was away reads the current state (or the
 * stored log lines) instead. Every event belongs to one tenant ({@code orgId}); streams filter by it.
 *
 * @param type    {@code job.status}, {@code job.logs}, {@code execution.status}, {@code approval.requested}, …
 * @param subject the object it is about: a job id, an execution id, an approval id
 * @param data    the event's fields, JSON-ready (snake_case keys)
 */
public record LiveEvent(String id, String type, String orgId, String projectId, String subject, Instant at,
                        Map<String, Object> data) {

    public static LiveEvent of(String type, String orgId, String projectId, String subject, Map<String, Object> data) {
        return new LiveEvent(Ids.next("lev", 8), type, orgId, projectId, subject, Instant.now(), data);
    }

    /** The area of the type: {@code job} for {@code job.status}. */
    public String area() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
