package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.testing.TinyChat;
import io.aitip.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's evaluation and simulation routes are thin routes onto the tools: the real server, the
 * real runtime in weak and hardened profiles, and the real sandbox process, over real HTTP.
 */
class EvaluationSimulationRoutesTest {

    private static final String ADMIN = TestServer.ADMIN_TOKEN;
    private static TestServer server;
    private static TinyChat weak;
    private static TinyChat hardened;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.targets.allowlist", "127.0.0.1"));
        weak = TinyChat.start("weak");
        hardened = TinyChat.start("hardened");
        JsonNode registered = server.post("/api/v1/agent/execute", ADMIN, Map.of("tool", "model_register",
                "params", Map.of("name", "tiny-chat", "uri", "s3://models/tiny-chat")));
        assertThat(registered.path("status").asString()).isEqualTo("succeeded");
    }

    @AfterAll
    static void stop() {
        weak.close();
        hardened.close();
        server.close();
    }

    @Test
    void evaluationJobsRunListAndReport() {
        JsonNode benchmarks = server.get("/api/v1/evaluation/benchmarks?runnable_only=true", ADMIN);
        assertThat(benchmarks.toString()).contains("mmlu", "gsm8k", "hellaswag").doesNotContain("imagenet");

        JsonNode run = server.post("/api/v1/evaluation/jobs", ADMIN,
                Map.of("model", "tiny-chat", "benchmark", "gsm8k", "target", weak.baseUrl()));
        String id = run.path("eval_id").asString();
        assertThat(id).startsWith("eval-");
        assertThat(run.path("score").asDouble()).isEqualTo(0.6667);

        JsonNode job = server.get("/api/v1/evaluation/jobs/" + id, ADMIN);
        assertThat(job.path("evaluation").path("status").asString()).isEqualTo("succeeded");
        assertThat(job.path("items").size()).isZero();
        assertThat(job.path("series").size()).isEqualTo(3);
        JsonNode results = server.get("/api/v1/evaluation/jobs/" + id + "/results?limit=5", ADMIN);
        assertThat(results.path("items").size()).isEqualTo(5);
        assertThat(results.path("next_cursor").asString()).isEqualTo("4");
        assertThat(server.get("/api/v1/evaluation/jobs?model=tiny-chat", ADMIN).path("evaluations").size()).isEqualTo(1);

        TestServer.Reply html = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/v1/evaluation/jobs/" + id + "/report")).GET(), ADMIN);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(html.headers().firstValue("content-security-policy").orElse("")).contains("default-src 'none'");
        assertThat(html.raw()).contains("exact_match = 66.7%");
        TestServer.Reply pdf = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/v1/evaluation/jobs/" + id + "/report?format=pdf")).GET(), ADMIN);
        assertThat(pdf.headers().firstValue("content-type").orElse("")).isEqualTo("application/pdf");
        assertThat(pdf.raw().getBytes(StandardCharsets.ISO_8859_1).length).isPositive();
        assertThat(pdf.raw()).startsWith("%PDF-");
    }

    @Test
    void evaluationBadInputGetsACodeAndAPointer() {
        JsonNode unknown = server.post("/api/v1/evaluation/jobs", ADMIN,
                Map.of("model", "tiny-chat", "benchmark", "superglue", "target", weak.baseUrl()));
        assertThat(unknown.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(unknown.path("error").path("pointer").asString()).isEqualTo("/benchmark");
        JsonNode metadata = server.post("/api/v1/evaluation/jobs", ADMIN,
                Map.of("model", "tiny-chat", "benchmark", "mmlu", "target", "http://169.254.169.254/latest"));
        assertThat(metadata.path("error").path("pointer").asString()).isEqualTo("/target");
        JsonNode tooMany = server.post("/api/v1/evaluation/jobs", ADMIN,
                Map.of("model", "tiny-chat", "benchmark", "mmlu", "target", weak.baseUrl(), "limit", 5000));
        assertThat(tooMany.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(server.get("/api/v1/evaluation/jobs/eval-00000000", ADMIN).path("error").path("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void simulationRunsFindTheWeakLeakAndPassTheHardenedModel() {
        JsonNode templates = server.get("/api/v1/simulation/templates", ADMIN);
        assertThat(templates.path("count").asInt()).isEqualTo(5);

        JsonNode weakRun = server.post("/api/v1/simulation/runs", ADMIN,
                Map.of("target", weak.baseUrl(), "scenario", "prompt_injection"));
        JsonNode strongRun = server.post("/api/v1/simulation/runs", ADMIN,
                Map.of("target", hardened.baseUrl(), "scenario", "prompt_injection", "threshold", 95));
        assertThat(weakRun.path("passed").asBoolean()).isFalse();
        assertThat(weakRun.path("by_detector").path("canary").asInt()).isEqualTo(8);
        assertThat(strongRun.path("passed").asBoolean()).isTrue();
        assertThat(strongRun.path("safety_score").asDouble()).isEqualTo(100.0);

        String id = weakRun.path("run_id").asString();
        JsonNode unsafe = server.get("/api/v1/simulation/runs/" + id + "?verdict=unsafe&limit=3", ADMIN);
        assertThat(unsafe.path("attacks").size()).isEqualTo(3);
        assertThat(unsafe.path("attacks").get(0).path("answer").asString()).contains("AITIP-CANARY-");
        assertThat(server.get("/api/v1/simulation/runs?scenario=prompt_injection", ADMIN).path("count").asInt()).isEqualTo(2);
        TestServer.Reply report = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/v1/simulation/runs/" + id + "/report")).GET(), ADMIN);
        assertThat(report.raw()).contains("FAILED", "canary");

        JsonNode outOfRange = server.post("/api/v1/simulation/runs", ADMIN,
                Map.of("target", weak.baseUrl(), "scenario", "jailbreak", "samples", 500));
        assertThat(outOfRange.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(outOfRange.path("error").path("pointer").asString()).isEqualTo("/samples");
        JsonNode unknown = server.post("/api/v1/simulation/runs", ADMIN,
                Map.of("target", weak.baseUrl(), "scenario", "phishing"));
        assertThat(unknown.path("error").path("pointer").asString()).isEqualTo("/scenario");
        assertThat(server.get("/api/v1/simulation/runs?scenario=jailbreak", ADMIN).path("count").asInt())
                .as("nothing stored for refused runs").isZero();
    }
}
