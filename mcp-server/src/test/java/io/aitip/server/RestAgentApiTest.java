package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import io.aitip.tools.render.StrictModeChecker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST Agent API and the OpenAI door against the real server and PostgreSQL. */
class RestAgentApiTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode execute(String token, Object body) {
        return server.post("/api/v1/agent/execute", token, body);
    }

    @Test
    void openAiExportIsStrictAndListsOnlyCallableTools() {
        JsonNode tools = server.get("/api/v1/agent/tools?format=openai", ADMIN).path("tools");
        assertThat(tools.size()).isGreaterThan(5);
        for (JsonNode tool : tools) {
            assertThat(StrictModeChecker.check(tool)).as(tool.path("function").path("name").asString()).isEmpty();
        }
        String viewer = server.keyForNewMember("rest-viewer", "viewer");
        JsonNode viewerTools = server.get("/api/v1/agent/tools?format=mcp", viewer).path("tools");
        assertThat(names(viewerTools)).contains("dataset_list").doesNotContain("dataset_register");
    }

    @Test
    void recordedOpenAiToolCallsExecuteAndAnswerWithToolMessages() {
        // a model's tool_calls array, as recorded from a chat.completions response (strict mode sends nulls)
        String recorded = """
                [{"id":"call_a1","type":"function","function":{"name":"dataset_register",
                  "arguments":"{\\"name\\":\\"support-tickets\\",\\"uri\\":\\"s3://data/support.jsonl\\",\\"format\\":\\"jsonl\\",\\"description\\":null,\\"tags\\":[\\"support\\"]}"}},
                 {"id":"call_a2","type":"function","function":{"name":"dataset_list","arguments":"{\\"status\\":null,\\"limit\\":10,\\"cursor\\":null}"}}]
                """;
        JsonNode messages = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/agent/execute"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(recorded)), ADMIN).body();
        assertThat(messages.size()).isEqualTo(2);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("tool");
        assertThat(messages.get(0).path("tool_call_id").asString()).isEqualTo("call_a1");
        JsonNode first = Json.MAPPER.readTree(messages.get(0).path("content").asString());
        assertThat(first.path("status").asString()).isEqualTo("succeeded");
        JsonNode second = Json.MAPPER.readTree(messages.get(1).path("content").asString());
        assertThat(second.path("result").toString()).contains("support-tickets");
    }

    @Test
    void plainExecuteAcceptsTheSeedDottedAliasAndDryRunDoesNothing() {
        JsonNode dry = execute(ADMIN, Map.of("tool", "dataset.register", "dry_run", true,
                "params", Map.of("name", "dry-only", "uri", "s3://x/dry")));
        assertThat(dry.path("status").asString()).isEqualTo("ready");
        JsonNode list = execute(ADMIN, Map.of("tool", "dataset_list", "params", Map.of("limit", 50)));
        assertThat(list.path("result").toString()).doesNotContain("dry-only");
    }

    @Test
    void badInputGetsACodeAndAPointerAndChangesNothing() {
        assertThat(execute(ADMIN, Map.of("tool", "no_such_tool")).path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        JsonNode wrongType = execute(ADMIN, Map.of("tool", "dataset_register", "params", Map.of("name", 5, "uri", "s3://x")));
        assertThat(wrongType.path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(wrongType.path("error").path("pointer").asString()).isEqualTo("/name");
        JsonNode extra = execute(ADMIN, Map.of("tool", "dataset_register",
                "params", Map.of("name", "x1", "uri", "s3://x", "colour", "red")));
        assertThat(extra.path("error").path("pointer").asString()).isEqualTo("/colour");
        JsonNode missing = execute(ADMIN, Map.of("tool", "dataset_register", "params", Map.of("name", "x2")));
        assertThat(missing.path("error").path("pointer").asString()).isEqualTo("/uri");
        JsonNode unknownField = execute(ADMIN, Map.of("tool", "dataset_list", "parms", Map.of()));
        assertThat(unknownField.path("error").path("pointer").asString()).isEqualTo("/parms");

        TestServer.Reply malformed = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/agent/execute"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"tool\": ")), ADMIN);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(malformed.raw()).doesNotContain("Exception").doesNotContain("at io.");

        TestServer.Reply huge = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/agent/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool\":\"dataset_list\",\"params\":{\"x\":\"" + "a".repeat(2_000_000) + "\"}}")), ADMIN);
        assertThat(huge.status()).isEqualTo(413);
        byte[] chunkedBody = ("{\"tool\":\"dataset_list\",\"params\":{\"x\":\"" + "a".repeat(2_000_000) + "\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestServer.Reply chunked = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/agent/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunkedBody))), ADMIN);
        assertThat(chunked.status()).as("a chunked body has no Content-Length but the same cap").isEqualTo(413);

        assertThat(server.get("/api/v1/agent/tools", "aitip_wrong").path("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(server.get("/api/v1/agent/tools", null).path("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        JsonNode after = execute(ADMIN, Map.of("tool", "dataset_list", "params", Map.of("limit", 100)));
        assertThat(after.path("result").toString()).doesNotContain("\"x1\"").doesNotContain("\"x2\"");
    }

    @Test
    void anotherTenantsIdsAreNotFound() {
        JsonNode mine = execute(ADMIN, Map.of("tool", "dataset_register", "params", Map.of("name", "tenant-a-data", "uri", "s3://a/data")));
        String id = mine.path("result").path("id").asString();
        String other = server.keyForNewTenant("tenant-b");
        JsonNode theirs = execute(other, Map.of("tool", "dataset_get", "params", Map.of("dataset", id)));
        assertThat(theirs.path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(theirs.toString()).doesNotContain("s3://a/data");
        JsonNode byName = execute(other, Map.of("tool", "dataset_get", "params", Map.of("dataset", "tenant-a-data")));
        assertThat(byName.path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        String execution = mine.path("execution_id").asString();
        assertThat(server.get("/api/v1/agent/executions/" + execution, other).path("error").path("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentCall() {
        Map<String, Object> call = Map.of("tool", "dataset_register", "idempotency_key", "idem-1",
                "params", Map.of("name", "idem-data", "uri", "s3://i/1"));
        JsonNode first = execute(ADMIN, call);
        JsonNode again = execute(ADMIN, call);
        assertThat(again.path("execution_id").asString()).isEqualTo(first.path("execution_id").asString());
        assertThat(again.path("status").asString()).isEqualTo("succeeded");
        JsonNode different = execute(ADMIN, Map.of("tool", "dataset_register", "idempotency_key", "idem-1",
                "params", Map.of("name", "idem-other", "uri", "s3://i/2")));
        assertThat(different.path("error").path("code").asString()).isEqualTo("CONFLICT");
    }

    @Test
    void asyncExecutionIsQueuedAndCanBeFollowed() throws InterruptedException {
        JsonNode queued = execute(ADMIN, Map.of("tool", "dataset_register", "async", true,
                "params", Map.of("name", "async-data", "uri", "s3://async/1")));
        assertThat(queued.path("status").asString()).isEqualTo("queued");
        String id = queued.path("execution_id").asString();
        assertThat(queued.path("monitoring").path("execution_url").asString()).endsWith(id);
        JsonNode status = null;
        for (int i = 0; i < 100; i++) {
            status = server.get("/api/v1/agent/executions/" + id, ADMIN);
            if (status.path("status").asString().equals("succeeded")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status.path("status").asString()).isEqualTo("succeeded");
        assertThat(status.path("result").path("name").asString()).isEqualTo("async-data");
        JsonNode viaTool = execute(ADMIN, Map.of("tool", "execution_get", "params", Map.of("execution_id", id)));
        assertThat(viaTool.path("result").path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void viewerIsDeniedWritesAndTheDenialIsAudited() {
        String viewer = server.keyForNewMember("rest-viewer2", "viewer");
        JsonNode denied = execute(viewer, Map.of("tool", "dataset_register", "params", Map.of("name", "v", "uri", "s3://v")));
        assertThat(denied.path("status").asString()).isEqualTo("denied");
        assertThat(denied.path("error").path("code").asString()).isEqualTo("PERMISSION_DENIED");
        server.bean(io.aitip.platform.audit.AuditWriter.class).flush();
        Integer rows = server.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM audit_log WHERE tool = 'dataset_register' AND decision = 'deny' AND result_code = 'PERMISSION_DENIED'",
                Integer.class);
        assertThat(rows).isPositive();
    }

    @Test
    void everyToolCallIsTimedInPrometheusMetrics() {
        execute(ADMIN, Map.of("tool", "resources_gpus", "params", Map.of()));
        execute(ADMIN, Map.of("tool", "made_up_tool_name"));
        TestServer.Reply metrics = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET(), null);
        assertThat(metrics.raw()).contains("aitip_tool_calls_seconds_count{door=\"rest\",result=\"succeeded\",tool=\"resources_gpus\"}")
                .contains("tool=\"unknown\"").doesNotContain("made_up_tool_name");
    }

    @Test
    void gpuPoolShowsTheInventoryWithoutJobIds() {
        JsonNode all = execute(ADMIN, Map.of("tool", "resources_gpus", "params", Map.of()));
        assertThat(all.path("result").path("types").toString()).contains("\"gpu_type\":\"a100\",\"total\":2")
                .contains("\"gpu_type\":\"t4\",\"total\":1");
        assertThat(all.path("result").path("devices").size()).isEqualTo(3);
        assertThat(all.path("result").toString()).doesNotContain("job_id");
        JsonNode t4 = execute(ADMIN, Map.of("tool", "resources_gpus", "params", Map.of("gpu_type", "T4")));
        assertThat(t4.path("result").path("devices").size()).isEqualTo(1);
    }

    @Test
    void authRoutesRegisterLoginAndCreateKeys() {
        JsonNode registered = server.post("/api/v1/auth/register", null,
                Map.of("username", "carol", "email", "carol@example.test", "password", "long-enough-pw"));
        assertThat(registered.path("token").asString()).contains(".");
        JsonNode login = server.post("/api/v1/auth/login", null, Map.of("username", "carol", "password", "long-enough-pw"));
        String jwt = login.path("token").asString();
        assertThat(server.get("/api/v1/auth/me", jwt).path("role").asString()).isEqualTo("owner");
        JsonNode wrong = server.post("/api/v1/auth/login", null, Map.of("username", "carol", "password", "nope-nope-nope"));
        assertThat(wrong.path("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        JsonNode key = server.post("/api/v1/api-keys", jwt, Map.of("name", "ci"));
        assertThat(key.path("key").asString()).startsWith("aitip_");
        assertThat(server.get("/api/v1/auth/me", key.path("key").asString()).path("username").asString()).isEqualTo("carol");
        Integer plain = server.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ?", Integer.class,
                key.path("key").asString(), key.path("key").asString());
        assertThat(plain).as("the key itself is never stored").isZero();
    }

    private static java.util.List<String> names(JsonNode tools) {
        java.util.List<String> names = new java.util.ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }
}
