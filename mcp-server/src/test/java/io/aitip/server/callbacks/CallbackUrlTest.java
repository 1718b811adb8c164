package io.aitip.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.NodeWebhookReceiver;
import io.aitip.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Per-call {@code callback_url} on the Agent API against the real server: the async execution
 * moves queued → running → succeeded with monitoring links, and the callback receives the
 * execution's end and the training job's end, each verified by the npm {@code standardwebhooks}
 * package with the org's callback secret.
 */
class CallbackUrlTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.webhooks.allowlist", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode execute(Object body) {
        return server.post("/api/v1/agent/execute", ADMIN, body);
    }

    static String callbackSecret() {
        JsonNode rotated = execute(Map.of("tool", "webhook_endpoint_rotate_secret",
                "params", Map.of("endpoint_id", "callbacks", "overlap_hours", 0)));
        assertThat(rotated.path("status").asString()).as(rotated.toString()).isEqualTo("succeeded");
        return rotated.path("result").path("secret").asString();
    }

    @Test
    void anAsyncTrainingSubmitCallsBackWhenTheExecutionAndThenTheJobEnd() throws Exception {
        try (NodeWebhookReceiver receiver = new NodeWebhookReceiver(callbackSecret(), 0)) {
            JsonNode queued = execute(Map.of("tool", "training_submit", "async", true,
                    "callback_url", receiver.url("/done"),
                    "params", Map.of("model", "callback-model", "command", "echo trained")));
            assertThat(queued.path("status").asString()).as(queued.toString()).isEqualTo("queued");
            String execution = queued.path("execution_id").asString();
            assertThat(queued.path("monitoring").path("execution_url").asString())
                    .isEqualTo("/api/v1/agent/executions/" + execution);
            assertThat(queued.path("monitoring").path("events_url").asString()).contains(execution);

            JsonNode executionEnd = receiver.await(r -> "execution.succeeded".equals(r.path("type").asString()),
                    Duration.ofSeconds(60));
            assertThat(executionEnd.path("verified").asBoolean()).isTrue();
            assertThat(executionEnd.path("subject").asString()).isEqualTo(execution);

            JsonNode done = server.get("/api/v1/agent/executions/" + execution, ADMIN);
            assertThat(done.path("status").asString()).isEqualTo("succeeded");
            String job = done.path("result").path("job_id").asString();
            assertThat(job).startsWith("train-");
            assertThat(done.path("monitoring").path("logs_url").asString())
                    .isEqualTo("/api/v1/training/jobs/" + job + "/logs?follow=true");
            assertThat(done.path("monitoring").path("resource").asString()).isEqualTo("aitip://training/jobs/" + job);

            JsonNode jobEnd = receiver.await(r -> job.equals(r.path("subject").asString()), Duration.ofSeconds(60));
            assertThat(jobEnd.path("verified").asBoolean()).isTrue();
            assertThat(jobEnd.path("type").asString()).isEqualTo("job.succeeded");
            assertThat(receiver.reports()).allSatisfy(r -> assertThat(r.path("verified").asBoolean()).isTrue());
        }
    }

    @Test
    void aFailedExecutionCallsBackWithItsError() throws Exception {
        try (NodeWebhookReceiver receiver = new NodeWebhookReceiver(callbackSecret(), 0)) {
            JsonNode submitted = execute(Map.of("tool", "dataset_get", "callback_url", receiver.url("/get"),
                    "params", Map.of("dataset", "no-such-dataset"), "async", true));
            String execution = submitted.path("execution_id").asString();
            JsonNode report = receiver.await(r -> execution.equals(r.path("subject").asString()), Duration.ofSeconds(60));
            assertThat(report.path("type").asString()).isEqualTo("execution.failed");
            assertThat(report.path("verified").asBoolean()).isTrue();
            assertThat(server.get("/api/v1/agent/executions/" + execution, ADMIN).path("error").path("code").asString())
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aCallbackToAPrivateOrMetadataAddressIsRefusedBeforeAnythingRuns() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hook", "file:///etc/passwd",
                "http://[::1]:8080/")) {
            JsonNode refused = execute(Map.of("tool", "training_submit", "async", true, "callback_url", url,
                    "params", Map.of("model", "never-runs", "command", "echo no")));
            assertThat(refused.path("error").path("code").asString()).as(url).isEqualTo("INVALID_ARGUMENTS");
            assertThat(refused.path("error").path("pointer").asString()).isEqualTo("/callback_url");
        }
        JsonNode jobs = execute(Map.of("tool", "training_list", "params", Map.of("limit", 200)));
        assertThat(jobs.toString()).doesNotContain("never-runs");
    }
}
