package io.aitip.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.ServerProcess;
import io.aitip.server.testing.SseClient;
import io.aitip.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server configured for Redis fan-out with Redis unreachable (a closed port): it starts and
 * serves, {@code /readyz} says {@code degraded} and why, and this replica's own live events still
 * reach its SSE clients.
 */
class RedisDownTest {

    private static TestServer server;
    private static int closedPort;

    @BeforeAll
    static void start() {
        closedPort = ServerProcess.freePort();
        server = TestServer.start(Map.of("aitip.redis.url", "redis://127.0.0.1:" + closedPort));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readinessSaysDegradedAndLocalWatchersStillGetEvents() throws Exception {
        JsonNode ready = server.get("/readyz", null);
        assertThat(ready.path("status").asString()).isEqualTo("degraded");
        assertThat(ready.path("database").asString()).isEqualTo("up");
        assertThat(ready.path("events").path("transport").asString()).isEqualTo("redis");
        assertThat(ready.path("events").path("up").asBoolean()).isFalse();
        assertThat(ready.path("events").path("detail").asString()).contains("127.0.0.1:" + closedPort);

        try (SseClient events = new SseClient(server.baseUrl() + "/api/v1/events?types=job.status",
                TestServer.ADMIN_TOKEN, null)) {
            events.await(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            JsonNode submitted = server.post("/api/v1/agent/execute", TestServer.ADMIN_TOKEN, Map.of("tool",
                    "training_submit", "params", Map.of("model", "no-redis", "command", "echo fine")));
            String job = submitted.path("result").path("job_id").asString();
            events.await(e -> e.data().path("subject").asString().equals(job)
                    && e.data().path("data").path("status").asString().equals("succeeded"), Duration.ofSeconds(60));
        }
    }
}
