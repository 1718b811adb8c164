package io.aitip.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.events.LiveEvent;
import io.aitip.platform.events.LocalEventBus;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.ExecutionRecord;
import io.aitip.tools.pipeline.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Executions a dead process left unfinished end as failed, with their callback event in the same
 * transaction; executions still in time, and finished ones, are left alone. Terminal updates of
 * executions with a callback write exactly one event.
 */
class StaleExecutionsTest {

    @Test
    void staleExecutionsFailAndCallBackOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create(); HikariDataSource pool = PooledTestDataSource.of(db);
             LocalEventBus bus = new LocalEventBus()) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            JdbcExecutionStore store = new JdbcExecutionStore(jdbc);
            store.setOutbox(new WebhookOutbox());
            store.setEventBus(bus);
            List<LiveEvent> announced = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> e.type().equals("execution.status"), announced::add);
            Instant now = Instant.now();
            store.insert(record("exec-00000000000a", ExecutionStatus.RUNNING, "http://127.0.0.1:9/cb", now));
            store.insert(record("exec-00000000000b", ExecutionStatus.QUEUED, null, now));
            store.insert(record("exec-00000000000c", ExecutionStatus.RUNNING, "http://127.0.0.1:9/cb", now));
            store.insert(record("exec-00000000000d", ExecutionStatus.RUNNING, "http://127.0.0.1:9/cb", now));
            store.update("exec-00000000000d", ExecutionStatus.SUCCEEDED, "{\"job_id\":\"train-0000000d\"}", null);
            jdbc.update("UPDATE executions SET updated_at = now() - interval '20 minutes' WHERE id IN "
                    + "('exec-00000000000a', 'exec-00000000000b', 'exec-00000000000d')");

            List<String> ended = store.failStale(Duration.ofMinutes(15));
            assertThat(ended).containsExactlyInAnyOrder("exec-00000000000a", "exec-00000000000b");
            assertThat(store.failStale(Duration.ofMinutes(15))).isEmpty();
            assertThat(store.find("org-s", "exec-00000000000a").orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(store.find("org-s", "exec-00000000000a").orElseThrow().errorJson()).contains("UNAVAILABLE");
            assertThat(store.find("org-s", "exec-00000000000c").orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);

            List<Map<String, Object>> events = jdbc.queryForList("SELECT e.type, e.body, d.callback_url FROM webhook_events e "
                    + "JOIN webhook_deliveries d ON d.event_id = e.id ORDER BY e.created_at");
            // d succeeded earlier (one event), a failed now (one event); b had no callback, c is still running
            assertThat(events).extracting(r -> r.get("type")).containsExactly("execution.succeeded", "execution.failed");
            JsonNode failed = Json.MAPPER.readTree((String) events.get(1).get("body"));
            assertThat(failed.path("data").path("execution_id").asString()).isEqualTo("exec-00000000000a");
            assertThat(failed.path("data").path("error").path("code").asString()).isEqualTo("UNAVAILABLE");
            assertThat(events.get(1).get("callback_url")).isEqualTo("http://127.0.0.1:9/cb");
            JsonNode succeeded = Json.MAPPER.readTree((String) events.get(0).get("body"));
            assertThat(succeeded.path("data").path("monitoring").path("logs_url").asString())
                    .isEqualTo("/api/v1/training/jobs/train-0000000d/logs?follow=true");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (announced.stream().filter(e -> "failed".equals(e.data().get("status"))).count() < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(announced.stream().filter(e -> "failed".equals(e.data().get("status"))).map(LiveEvent::subject))
                    .containsExactlyInAnyOrder("exec-00000000000a", "exec-00000000000b");
        }
    }

    static ExecutionRecord record(String id, ExecutionStatus status, String callbackUrl, Instant at) {
        return new ExecutionRecord(id, "org-s", "prj-s", "usr-s", "dataset_list", "hash", null, status, null, null,
                callbackUrl, at, at);
    }
}
