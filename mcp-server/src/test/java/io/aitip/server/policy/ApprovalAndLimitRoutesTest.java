package io.aitip.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The approvals routes and rate limits over real HTTP on the real server. */
class ApprovalAndLimitRoutesTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.rate-limit.tools.resources_quota", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    TestServer.Reply execute(String token, Map<String, Object> body) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/agent/execute"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), token);
    }

    @Test
    void aHeldSubmissionIsApprovedOverRestAndRunsOnceAsTheRequester() {
        String member = server.keyForNewMember("routes-member", "member");
        // 2 A100s for 2000 minutes ≈ 66.7 GPU-hours: above the 64 GPU-hour approval budget
        Map<String, Object> submit = Map.of("tool", "training_submit", "params", Map.of("model", "approved-mlp",
                "config", Map.of("epochs", 1), "resources", Map.of("gpu_type", "a100", "gpu_count", 2),
                "max_runtime_minutes", 2000));
        TestServer.Reply held = execute(member, submit);
        assertThat(held.status()).isEqualTo(202);
        assertThat(held.body().path("status").asString()).isEqualTo("pending_approval");
        assertThat(held.body().path("error").path("code").asString()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(held.body().path("approval").path("rule").asString()).isEqualTo("approval.gpu-hours");
        String id = held.body().path("approval").path("id").asString();

        JsonNode self = server.post("/api/v1/approvals/" + id + "/decide", member, Map.of("decision", "approve"));
        assertThat(self.path("error").path("code").asString()).isIn("SELF_APPROVAL", "PERMISSION_DENIED");

        JsonNode decided = server.post("/api/v1/approvals/" + id + "/decide", TestServer.ADMIN_TOKEN,
                Map.of("decision", "approve", "comment", "fine for the demo"));
        assertThat(decided.path("approval").path("status").asString()).isEqualTo("approved");
        JsonNode execution = decided.path("execution");
        assertThat(execution.path("status").asString()).isEqualTo("succeeded");
        assertThat(execution.path("estimate").path("gpu_hours").decimalValue()).isEqualByComparingTo("66.6667");
        String jobId = execution.path("result").path("job_id").asString();
        assertThat(jobId).startsWith("train-");

        JsonNode again = server.post("/api/v1/approvals/" + id + "/decide", TestServer.ADMIN_TOKEN, Map.of("decision", "approve"));
        assertThat(again.path("error").path("code").asString()).isEqualTo("ALREADY_DECIDED");
        JsonNode listed = server.get("/api/v1/approvals?status=approved", member);
        assertThat(listed.path("approvals").get(0).path("approval_id").asString()).isEqualTo(id);
        assertThat(listed.path("approvals").get(0).path("execution_id").asString())
                .isEqualTo(execution.path("execution_id").asString());
        JsonNode jobs = server.get("/api/v1/training/jobs", member);
        assertThat(jobs.findValuesAsString("model")).as("one job ran, the approved one").containsExactly("approved-mlp");
        assertThat(jobs.findValuesAsString("job_id")).contains(jobId);
    }

    @Test
    void overTheLimitAnswers429WithRetryAfter() {
        String viewer = server.keyForNewMember("routes-viewer", "viewer");
        Map<String, Object> call = Map.of("tool", "resources_quota", "params", Map.of());
        assertThat(execute(viewer, call).status()).isEqualTo(200);
        assertThat(execute(viewer, call).status()).isEqualTo(200);
        TestServer.Reply limited = execute(viewer, call);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("error").path("code").asString()).isEqualTo("RATE_LIMITED");
        int retryAfter = limited.body().path("error").path("retry_after_seconds").asInt();
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue(String.valueOf(retryAfter));
        assertThat(execute(viewer, Map.of("tool", "resources_gpus", "params", Map.of())).status())
                .as("other tools are counted apart").isEqualTo(200);
    }
}
