package io.aitip.server.rest;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.webhooks.WebhookDeliveryWorker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness ({@code /healthz}: the process answers) and readiness ({@code /readyz}: the store
 * answers). Readiness also reports the live-event fan-out: with Redis unreachable the replica still
 * serves (local watchers get local events, webhooks are unaffected), so it stays ready but says
 * {@code "status": "degraded"} and {@code "events": {"transport": "redis", "up": false, ...}}.
 */
@RestController
public class HealthController {

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventBus> events;
    private final ObjectProvider<WebhookDeliveryWorker> webhooks;

    public HealthController(JdbcTemplate jdbc, ObjectProvider<EventBus> events,
                            ObjectProvider<WebhookDeliveryWorker> webhooks) {
        this.jdbc = jdbc;
        this.events = events;
        this.webhooks = webhooks;
    }

    @GetMapping("/healthz")
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }

    @GetMapping("/readyz")
    public ResponseEntity<Map<String, Object>> ready() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean database;
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            database = true;
        } catch (RuntimeException e) {
            database = false;
        }
        EventBus bus = events.getIfAvailable();
        EventBus.BusHealth fanout = bus == null ? null : bus.health();
        body.put("status", !database ? "not_ready" : fanout != null && !fanout.up() ? "degraded" : "ready");
        body.put("database", database ? "up" : "down");
        if (fanout != null) {
            Map<String, Object> live = new LinkedHashMap<>();
            live.put("transport", fanout.transport());
            live.put("up", fanout.up());
            if (fanout.detail() != null) {
                live.put("detail", fanout.detail());
            }
            body.put("events", live);
        }
        WebhookDeliveryWorker worker = webhooks.getIfAvailable();
        if (worker != null && worker.isRunning()) {
            body.put("webhook_worker", worker.counts()); // this replica's attempts since start
        }
        return database ? ResponseEntity.ok(body) : ResponseEntity.status(503).body(body);
    }
}
