package io.aitip.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.NodeClients;
import io.aitip.server.testing.SseClient;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live events on one server (in-process bus): SSE log follow with Last-Event-ID resume, the events
 * stream, the WebSocket (tenant-scoped), MCP job resources with subscribe through the official
 * TypeScript SDK client, and the readiness report.
 */
class LiveEventsTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.executor.max-cpu-jobs", "4"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String submit(String token, String command) {
        JsonNode submitted = server.post("/api/v1/agent/execute", token,
                Map.of("tool", "training_submit", "params", Map.of("model", "live-model", "command", command)));
        assertThat(submitted.path("status").asString()).as(submitted.toString()).isEqualTo("succeeded");
        return submitted.path("result").path("job_id").asString();
    }

    @Test
    void followedLogsStreamEveryLineOnceAndResumeAfterLastEventId() throws Exception {
        String job = submit(ADMIN, "for i in 1 2 3 4 5 6; do echo line-$i; sleep 0.3; done");
        List<String> lines;
        try (SseClient follow = new SseClient(server.baseUrl() + "/api/v1/training/jobs/" + job + "/logs?follow=true",
                ADMIN, null)) {
            assertThat(follow.status()).isEqualTo(200);
            SseClient.Event end = follow.await(e -> e.name().equals("end"), Duration.ofSeconds(60));
            assertThat(end.data().path("status").asString()).isEqualTo("succeeded");
            lines = follow.events().stream().filter(e -> e.name().equals("log"))
                    .map(e -> e.data().path("line").asString()).toList();
            assertThat(lines).containsSubsequence("line-1", "line-2", "line-3", "line-4", "line-5", "line-6");
            assertThat(lines).doesNotHaveDuplicates();
            follow.awaitEnd(Duration.ofSeconds(10));
        }
        // resume after the second line: exactly the lines after it, then the end
        try (SseClient resumed = new SseClient(server.baseUrl() + "/api/v1/training/jobs/" + job + "/logs?follow=true",
                ADMIN, "2")) {
            resumed.await(e -> e.name().equals("end"), Duration.ofSeconds(30));
            List<SseClient.Event> logEvents = resumed.events().stream().filter(e -> e.name().equals("log")).toList();
            assertThat(logEvents.get(0).id()).isEqualTo("3");
            assertThat(logEvents.stream().map(e -> e.data().path("line").asString()).toList())
                    .isEqualTo(lines.subList(2, lines.size()));
        }
        // the plain JSON page is unchanged
        assertThat(server.get("/api/v1/training/jobs/" + job + "/logs?tail=2", ADMIN).path("count").asInt()).isEqualTo(2);
        // another tenant cannot stream it
        String other = server.keyForNewTenant("sse-mallory");
        try (SseClient denied = new SseClient(server.baseUrl() + "/api/v1/training/jobs/" + job + "/logs?follow=true",
                other, null)) {
            assertThat(denied.status()).isEqualTo(404);
        }
    }

    @Test
    void theEventsStreamCarriesTheOrgsJobMovesAndNothingOfOtherTenants() throws Exception {
        String other = server.keyForNewTenant("events-eve");
        try (SseClient mine = new SseClient(server.baseUrl() + "/api/v1/events?types=job.status", ADMIN, null);
             SseClient theirs = new SseClient(server.baseUrl() + "/api/v1/events", other, null)) {
            mine.await(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            theirs.await(e -> e.name().equals("ready"), Duration.ofSeconds(10));
            String job = submit(ADMIN, "echo quick");
            String theirJob = submit(other, "echo theirs");
            mine.await(e -> e.name().equals("job.status") && e.data().path("subject").asString().equals(job)
                    && e.data().path("data").path("status").asString().equals("succeeded"), Duration.ofSeconds(60));
            theirs.await(e -> e.data().path("subject").asString().equals(theirJob)
                    && e.data().path("data").path("status").asString().equals("succeeded"), Duration.ofSeconds(60));
            assertThat(theirs.events()).noneMatch(e -> e.data().toString().contains(job));
            assertThat(mine.events()).noneMatch(e -> e.data().toString().contains(theirJob));
        }
    }

    @Test
    void theWebSocketCarriesExecutionEventsOfTheCallersTenantOnly() throws Exception {
        String other = server.keyForNewTenant("ws-mallory");
        Socket mine = Socket.open(ADMIN);
        Socket theirs = Socket.open(other);
        try {
            mine.await("ready");
            theirs.await("ready");
            JsonNode queued = server.post("/api/v1/agent/execute", ADMIN, Map.of("tool", "dataset_list", "async", true,
                    "params", Map.of("limit", 1)));
            String execution = queued.path("execution_id").asString();
            JsonNode done = mine.awaitMatching(m -> execution.equals(m.path("subject").asString())
                    && "succeeded".equals(m.path("data").path("status").asString()));
            assertThat(done.path("type").asString()).isEqualTo("execution.status");
            assertThat(mine.messages.stream().filter(m -> execution.equals(m.path("subject").asString()))
                    .map(m -> m.path("data").path("status").asString()).toList())
                    .containsSubsequence("queued", "running", "succeeded");
            // the other tenant's own execution reaches it, ours never does
            String theirExecution = server.post("/api/v1/agent/execute", other, Map.of("tool", "dataset_list",
                    "async", true, "params", Map.of())).path("execution_id").asString();
            theirs.awaitMatching(m -> theirExecution.equals(m.path("subject").asString())
                    && "succeeded".equals(m.path("data").path("status").asString()));
            assertThat(theirs.messages).noneMatch(m -> m.toString().contains(execution));
            assertThat(mine.messages).noneMatch(m -> m.toString().contains(theirExecution));
        } finally {
            mine.close();
            theirs.close();
        }
        // without credentials there is no upgrade
        CompletableFuture<WebSocket> anonymous = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.baseUrl().replace("http", "ws") + "/ws/agent/stream"), new WebSocket.Listener() {
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasStackTraceContaining("401");
    }

    @Test
    void approvalRequestsReachTheOrgsWebSocketAndNoOtherTenants() throws Exception {
        String other = server.keyForNewTenant("ws-approvals-eve");
        Socket mine = Socket.open(ADMIN);
        Socket theirs = Socket.open(other);
        try {
            mine.await("ready");
            theirs.await("ready");
            JsonNode held = server.post("/api/v1/agent/execute", ADMIN, Map.of("tool", "training_submit",
                    "params", Map.of("model", "big-model", "command", "echo never",
                            "resources", Map.of("gpu_type", "a100", "gpu_count", 16))));
            assertThat(held.path("status").asString()).as(held.toString()).isEqualTo("pending_approval");
            JsonNode requested = mine.await("approval.requested");
            assertThat(requested.path("subject").asString()).startsWith("apr-");
            assertThat(requested.path("data").path("tool").asString()).isEqualTo("training_submit");
            // the other tenant's stream is alive (its own execution arrives) and never saw the approval
            String theirExecution = server.post("/api/v1/agent/execute", other, Map.of("tool", "dataset_list",
                    "async", true, "params", Map.of())).path("execution_id").asString();
            theirs.awaitMatching(m -> theirExecution.equals(m.path("subject").asString())
                    && "succeeded".equals(m.path("data").path("status").asString()));
            assertThat(theirs.messages).noneMatch(m -> m.path("type").asString().startsWith("approval."));
        } finally {
            mine.close();
            theirs.close();
        }
    }

    @Test
    void jobsAreSubscribableMcpResourcesForTheTypeScriptSdkClient() {
        NodeClients.Result result = NodeClients.runNode(List.of("mcp-scenario.mjs", "--http", server.mcpUrl(), "--token",
                ADMIN, "--steps", "job-resource"), Map.of(), 300);
        String out = result.stdout().strip();
        JsonNode report = Json.MAPPER.readTree(out.substring(out.lastIndexOf("\n{") + 1));
        assertThat(report.path("steps").path("job-resource").path("ok").asBoolean())
                .as(report.toString()).isTrue();
    }

    @Test
    void readinessReportsTheInProcessBus() {
        JsonNode ready = server.get("/readyz", null);
        assertThat(ready.path("status").asString()).isEqualTo("ready");
        assertThat(ready.path("events").path("transport").asString()).isEqualTo("local");
        assertThat(ready.path("events").path("up").asBoolean()).isTrue();
    }

    /** A WebSocket client that keeps every JSON message. */
    static final class Socket implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Socket open(String token) throws Exception {
            Socket listener = new Socket();
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(server.baseUrl().replace("http", "ws") + "/ws/agent/stream"), listener)
                    .get();
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(Json.MAPPER.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode await(String type) throws InterruptedException {
            return awaitMatching(m -> type.equals(m.path("type").asString()));
        }

        JsonNode awaitMatching(java.util.function.Predicate<JsonNode> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (JsonNode m : messages) {
                    if (match.test(m)) {
                        return m;
                    }
                }
                Thread.sleep(25);
            }
            throw new AssertionError("no matching WebSocket message; got " + messages);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
