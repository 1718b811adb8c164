package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tests, resources and tuning tools in the running server: seed routes onto them, the tune
 * reconciler advancing a search, and a test plan checking the server itself over loopback (allowed
 * by the SSRF guard's allow-list, as an operator would for an in-cluster target).
 */
class CatalogRoutesTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.webhooks.allowlist", "127.0.0.1", "aitip.training.tune.poll-millis", "200"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode execute(String tool, Map<String, Object> params) {
        return server.post("/api/v1/agent/execute", ADMIN, Map.of("tool", tool, "params", params));
    }

    @Test
    void aTestPlanChecksALiveServiceThroughTheRoutes() {
        String base = "http://127.0.0.1:" + server.port();
        JsonNode plan = server.post("/api/v1/test/plans", ADMIN, Map.of("name", "self-check", "type", "smoke",
                "base_url", base, "cases", List.of(
                        Map.of("name", "alive", "path", "/healthz", "expected_status", 200),
                        Map.of("name", "needs a key", "path", "/api/v1/agent/tools", "expected_status", 401,
                                "assertions", List.of(Map.of("pointer", "/error/code", "op", "equals",
                                        "value", "UNAUTHENTICATED"))),
                        Map.of("name", "wrong on purpose", "path", "/healthz", "expected_status", 500))));
        assertThat(plan.path("plan_id").asString()).startsWith("plan-");
        JsonNode report = server.post("/api/v1/test/plans/self-check/execute", ADMIN, Map.of());
        assertThat(report.path("summary").asString()).startsWith("failed: 2 passed, 1 failed, 0 skipped of 3");
        String id = report.path("execution_id").asString();
        JsonNode failed = server.get("/api/v1/test/executions/" + id + "/results?only_failed=true", ADMIN);
        assertThat(failed.path("cases")).hasSize(1);
        assertThat(failed.path("cases").get(0).path("failures").get(0).asString()).isEqualTo("status 200, expected 500");
        assertThat(server.get("/api/v1/test/plans", ADMIN).path("plans").get(0).path("last_status").asString())
                .isEqualTo("failed");

        JsonNode refused = server.post("/api/v1/test/plans", ADMIN, Map.of("name", "metadata", "base_url",
                "http://169.254.169.254", "cases", List.of(Map.of("name", "x", "path", "/"))));
        assertThat(refused.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(refused.path("error").path("pointer").asString()).isEqualTo("/base_url");
    }

    @Test
    void aTuneRunsToTheEndInTheServerAndGpuTimeIsReportedAndPriced() throws InterruptedException {
        JsonNode started = execute("training_tune", Map.of("name", "server-tune",
                "base_job", Map.of("model", "example-mlp", "config", Map.of("epochs", 1)),
                "search_space", List.of(Map.of("name", "learning_rate", "values", List.of(0.5, 0.0001))),
                "objective", Map.of("use", "tail_mean")));
        assertThat(started.path("status").asString()).as(started.toString()).isEqualTo("succeeded");
        String tuneId = started.path("result").path("tune_id").asString();
        JsonNode done = execute("training_tune_get", Map.of("tune_id", tuneId, "wait_seconds", 240)).path("result");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("best").path("params").path("learning_rate").asDouble()).isEqualTo(0.5);
        assertThat(done.path("trial_counts").path("succeeded").asInt()).isEqualTo(2);

        String gpuJob = server.post("/api/v1/training/jobs", ADMIN, Map.of("model", "gpu-sleeper", "command", "sleep 2",
                "resources", Map.of("gpu_type", "a100", "gpu_count", 2))).path("job_id").asString();
        String status = "";
        for (int i = 0; i < 300 && !status.equals("succeeded"); i++) {
            Thread.sleep(200);
            status = server.get("/api/v1/training/jobs/" + gpuJob, ADMIN).path("status").asString();
        }
        assertThat(status).isEqualTo("succeeded");
        JsonNode usage = server.get("/api/v1/resources/usage?gpu_type=a100", ADMIN);
        assertThat(usage.path("scope").asString()).isEqualTo("org");
        double hours = usage.path("total_gpu_hours").asDouble();
        assertThat(hours).as("two GPUs for about two seconds").isBetween(0.0005, 0.01);
        JsonNode costs = server.get("/api/v1/resources/costs?period=this_month", ADMIN);
        assertThat(costs.path("currency").asString()).isEqualTo("USD");
        assertThat(costs.path("by_gpu_type").get(0).path("price_per_gpu_hour").asDouble()).isEqualTo(3.0);
        assertThat(server.get("/api/v1/resources/usage?period=2026-13", ADMIN).path("error").path("code").asString())
                .isEqualTo("INVALID_ARGUMENTS");
        assertThat(server.get("/api/v1/resources/gpu", ADMIN).path("types")).isNotEmpty();
    }
}
