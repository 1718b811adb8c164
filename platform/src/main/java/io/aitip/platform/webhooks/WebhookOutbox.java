package io.aitip.platform.webhooks;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.events.LiveEvent;
import io.aitip.tools.model.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events into the outbox ({@code webhook_events}) and fans them out to one pending
 * delivery per matching active endpoint of the org, plus one to the call's {@code callback_url}
 * when it has one. Callers run it inside the transaction of the change the event reports, on that
 * transaction's {@link JdbcTemplate}, so an event exists if and only if the change committed.
 */
@Component
public class WebhookOutbox {

    /** Called after a transaction that wrote deliveries commits (the local worker sends them at once). */
    private volatile Runnable onCommitted = () -> { };

    public void onCommitted(Runnable action) {
        this.onCommitted = action;
    }

    private EventBus events;

    /**
     * Every event sent to endpoints is also a live event (same type, the payload's data) once its
     * transaction commits: approvals, deployments, releases and simulations reach the SSE events stream
     * and the WebSocket without their areas knowing about either.
     */
    @Autowired(required = false)
    public void setEventBus(EventBus events) {
        this.events = events;
    }

    /** Records the terminal event of a training job that just moved to {@code status}; false when the job is gone. */
    public boolean jobEnded(JdbcTemplate jdbc, String jobId, String status) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, org_id, project_id, name, status, status_message, "
                + "callback_url, coalesce(ended_at, updated_at) AS at FROM training_jobs WHERE id = ?", jobId);
        if (rows.isEmpty()) {
            return false;
        }
        Map<String, Object> job = rows.get(0);
        String type = "job." + status;
        Instant at = ((Timestamp) job.get("at")).toInstant();
        Map<String, Object> payload = WebhookEvents.jobPayload(type, at, jobId, (String) job.get("name"), status,
                (String) job.get("status_message"), (String) job.get("org_id"), (String) job.get("project_id"));
        publish(jdbc, (String) job.get("org_id"), type, payload, (String) job.get("callback_url"));
        return true;
    }

    /**
     * Inserts the event and its deliveries: one per active endpoint of the org whose patterns match
     * the type, and one to {@code callbackUrl} when given. Returns the event id (the {@code webhook-id}).
     */
    public String publish(JdbcTemplate jdbc, String orgId, String type, Map<String, Object> payload, String callbackUrl) {
        return publish(jdbc, orgId, type, payload, callbackUrl, true);
    }

    /**
     * As {@link #publish(JdbcTemplate, String, String, Map, String)}; {@code toEndpoints} false sends
     * the event to the callback URL only (execution events answer the one call that asked for them).
     */
    public String publish(JdbcTemplate jdbc, String orgId, String type, Map<String, Object> payload, String callbackUrl,
                          boolean toEndpoints) {
        String eventId = Ids.next("evt", 8);
        String body = WebhookEvents.json(payload);
        jdbc.update("INSERT INTO webhook_events (id, org_id, type, payload, body) VALUES (?, ?, ?, ?::jsonb, ?)",
                eventId, orgId, type, body, body);
        if (toEndpoints) {
            List<String> endpoints = jdbc.queryForList("SELECT id FROM webhook_endpoints WHERE org_id = ? AND active "
                    + "AND EXISTS (SELECT 1 FROM unnest(events) AS p WHERE p = '*' OR p = ? "
                    + "OR (right(p, 2) = '.*' AND starts_with(?, left(p, -1)))) ORDER BY id", String.class, orgId, type, type);
            for (String endpoint : endpoints) {
                jdbc.update("INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id) VALUES (?, ?, ?, ?)",
                        Ids.next("whd", 8), orgId, eventId, endpoint);
            }
        }
        if (callbackUrl != null && !callbackUrl.isBlank()) {
            // a bare callback URL is signed with the org's callback secret, made on first use
            jdbc.update("INSERT INTO webhook_callback_secrets (org_id, secret) VALUES (?, ?) ON CONFLICT (org_id) DO NOTHING",
                    orgId, WebhookSecrets.generate());
            jdbc.update("INSERT INTO webhook_deliveries (id, org_id, event_id, callback_url) VALUES (?, ?, ?, ?)",
                    Ids.next("whd", 8), orgId, eventId, callbackUrl);
        }
        LiveEvent live = toEndpoints && events != null ? live(orgId, type, payload) : null;
        afterCommit(() -> {
            onCommitted.run();
            if (live != null) {
                events.publish(live);
            }
        });
        return eventId;
    }

    @SuppressWarnings("unchecked")
    private static LiveEvent live(String orgId, String type, Map<String, Object> payload) {
        Map<String, Object> data = payload.get("data") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        // the object it is about: the first *_id of the payload that is not the tenant's
        String subject = data.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_id") && !e.getKey().equals("org_id") && !e.getKey().equals("project_id"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
        Object project = data.get("project_id");
        return LiveEvent.of(type, orgId, project == null ? null : project.toString(), subject, data);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
