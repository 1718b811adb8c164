package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.Replica;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's inference and release routes are thin routes onto the tools, and each service's
 * OpenAI-compatible router endpoint answers with real replica processes behind it.
 */
class InferenceRoutesTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        for (String uri : List.of("builtin://tiny-chat", "builtin://tiny-chat?profile=hardened")) {
            JsonNode registered = server.post("/api/v1/agent/execute", ADMIN, Map.of("tool", "model_register",
                    "params", Map.of("name", "tiny-chat", "uri", uri)));
            assertThat(registered.path("status").asString()).as(registered.toString()).isEqualTo("succeeded");
        }
    }

    /** Replica processes outlive the server by design: end the ones a failed test left behind. */
    @AfterAll
    static void stop() {
        DeploymentStore store = server.bean(DeploymentStore.class);
        for (Replica r : store.liveReplicas()) {
            server.bean(DeploymentLifecycle.class).stopReplicas(List.of(r), "test over");
            server.bean(InferenceExecutor.class).terminate(r);
        }
        server.close();
    }

    static JsonNode awaitStatus(String id, String status) throws InterruptedException {
        JsonNode service = server.get("/api/v1/inference/services/" + id, ADMIN);
        for (int i = 0; i < 600 && !service.path("status").asString().equals(status); i++) {
            Thread.sleep(100);
            service = server.get("/api/v1/inference/services/" + id, ADMIN);
        }
        assertThat(service.path("status").asString()).as(service.toString()).isEqualTo(status);
        return service;
    }

    static TestServer.Reply chat(String id, String token, String content) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/inference/services/" + id
                        + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("model", "tiny-chat",
                        "messages", List.of(Map.of("role", "user", "content", content)))))), token);
    }

    static TestServer.Reply confirmed(String path) {
        JsonNode asked = server.post(path, ADMIN, Map.of());
        assertThat(asked.path("status").asString()).as(asked.toString()).isEqualTo("needs_confirmation");
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path + "?confirmation_token="
                + asked.path("confirmation").path("token").asString())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), ADMIN);
    }

    @Test
    void deployCallThroughTheRouterReleaseAndStop() throws Exception {
        JsonNode deployed = server.post("/api/v1/inference/services", ADMIN, Map.of("name", "routed", "model", "tiny-chat",
                "model_version", "v1"));
        String id = deployed.path("service_id").asString();
        assertThat(id).as(deployed.toString()).startsWith("svc-");
        JsonNode ready = awaitStatus(id, "ready");
        assertThat(ready.path("endpoints").path("chat_completions").asString())
                .isEqualTo("/api/v1/inference/services/" + id + "/v1/chat/completions");

        TestServer.Reply answer = chat(id, ADMIN, "What is 12 + 30?");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("choices").path(0).path("message").path("content").asString()).isEqualTo("42");
        assertThat(answer.headers().firstValue("X-AITIP-Model-Version")).hasValue("v1");
        assertThat(chat("routed", ADMIN, "hi").status()).as("by name").isEqualTo(200);
        TestServer.Reply models = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/v1/inference/services/" + id + "/v1/models")).GET(), ADMIN);
        assertThat(models.body().path("data").path(0).path("id").asString()).isEqualTo("tiny-chat");
        assertThat(chat(id, null, "hi").status()).isEqualTo(401);
        assertThat(chat(id, server.keyForNewTenant("eve-inference"), "hi").status()).as("another tenant").isEqualTo(404);
        assertThat(chat(id, server.keyForNewMember("vera-viewer", "viewer"), "hi").status()).isEqualTo(200);

        JsonNode badCanary = server.post("/api/v1/inference/services/" + id + "/canary", ADMIN,
                Map.of("model_version", "v2", "traffic_percent", 150));
        assertThat(badCanary.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(badCanary.toString()).contains("/traffic_percent");
        JsonNode metrics = server.get("/api/v1/inference/services/" + id + "/metrics", ADMIN);
        assertThat(metrics.path("requests").asLong()).as("two chats, models, the viewer's chat").isEqualTo(4);
        assertThat(metrics.path("versions").path(0).path("version").asString()).isEqualTo("v1");

        // a release: the creator cannot approve it, a second member can; rollback needs confirmation
        JsonNode release = server.post("/api/v1/releases", ADMIN, Map.of("model", "tiny-chat", "model_version", "v2",
                "service", id, "stages", List.of(50, 100)));
        String rel = release.path("release_id").asString();
        assertThat(release.path("status").asString()).as(release.toString()).isEqualTo("pending_approval");
        JsonNode unapproved = server.post("/api/v1/releases/" + rel + "/promote", ADMIN, Map.of());
        assertThat(unapproved.path("error").path("code").asString()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(server.post("/api/v1/releases/" + rel + "/approve", ADMIN, Map.of()).path("error").path("code")
                .asString()).isEqualTo("PERMISSION_DENIED");
        String reviewer = server.keyForNewMember("rita-reviewer", "member");
        assertThat(server.post("/api/v1/releases/" + rel + "/approve", reviewer, Map.of("comment", "ok"))
                .path("approval").path("comment").asString()).isEqualTo("ok");
        JsonNode promoted = server.post("/api/v1/releases/" + rel + "/promote", ADMIN, Map.of());
        assertThat(promoted.path("status").asString()).as(promoted.toString()).isEqualTo("canary");
        assertThat(promoted.path("traffic_percent").asInt()).isEqualTo(50);
        assertThat(server.get("/api/v1/releases?status=canary", ADMIN).path("releases").path(0).path("release_id")
                .asString()).isEqualTo(rel);
        TestServer.Reply rolledBack = confirmed("/api/v1/releases/" + rel + "/rollback");
        assertThat(rolledBack.body().path("status").asString()).as(rolledBack.raw()).isEqualTo("rolled_back");
        JsonNode canary = server.get("/api/v1/inference/services/" + id, ADMIN).path("canary");
        assertThat(canary.isNull() || canary.isMissingNode()).as("no canary left: %s", canary).isTrue();

        TestServer.Reply stopped = confirmed("/api/v1/inference/services/" + id + "/stop");
        assertThat(stopped.body().path("status").asString()).as(stopped.raw()).isEqualTo("stopped");
        assertThat(chat(id, ADMIN, "hi").status()).isEqualTo(409);
        JsonNode scaleStopped = server.post("/api/v1/inference/services/" + id + "/scale", ADMIN, Map.of("replicas", 2));
        assertThat(scaleStopped.path("error").path("code").asString()).isEqualTo("CONFLICT");
        assertThat(server.get("/api/v1/inference/services/svc-00000000", ADMIN).path("error").path("code").asString())
                .isEqualTo("NOT_FOUND");
    }
}
