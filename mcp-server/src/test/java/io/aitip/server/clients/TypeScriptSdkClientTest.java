package io.aitip.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.aitip.server.testing.NodeClients;
import io.aitip.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Integration test (IT): the official MCP TypeScript SDK client ({@code mcp-scenario.mjs}) against
 * the real server, over Streamable HTTP and over {@code aitip stdio} (a child JVM on the same
 * database). Named {@code *Test} so that surefire runs it in the normal test phase.
 */
class TypeScriptSdkClientTest {

    private static final String ADMIN_STEPS = "list,call-readonly,train,schema-error";

    private static TestServer server;
    private static String viewerKey;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        viewerKey = server.keyForNewMember("viewer1", "viewer");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void adminOverHttp() {
        assertAdminScenario(run(List.of("--http", server.mcpUrl()), TestServer.ADMIN_TOKEN, ADMIN_STEPS), "http");
    }

    @Test
    void viewerIsDeniedOverHttp() {
        assertDenied(run(List.of("--http", server.mcpUrl()), viewerKey, "denied"), "http");
    }

    @Test
    void adminOverStdio() {
        assertAdminScenario(run(stdio(), TestServer.ADMIN_TOKEN, ADMIN_STEPS), "stdio");
    }

    @Test
    void viewerIsDeniedOverStdio() {
        assertDenied(run(stdio(), viewerKey, "denied"), "stdio");
    }

    private static List<String> stdio() {
        // the child JVM starts Spring and connects to the database before it answers initialize
        return List.of("--stdio", ClientRuns.commandLine(server.stdioCommand()), "--connect-timeout-ms", "300000");
    }

    private static JsonNode run(List<String> transport, String token, String steps) {
        List<String> args = new ArrayList<>(List.of("mcp-scenario.mjs"));
        args.addAll(transport);
        args.addAll(List.of("--token", token, "--steps", steps));
        NodeClients.Result result = NodeClients.runNode(args, Map.of(), 900);
        JsonNode out = ClientRuns.lastJson(result);
        System.out.println("mcp-scenario " + transport.get(0) + " steps " + steps + ": ok=" + out.path("ok")
                + " protocol=" + out.path("protocol_version") + " " + summary(out.path("steps")));
        assertEquals(0, result.exitCode(), () -> "mcp-scenario.mjs did not run the scenario:\n" + result.output());
        assertTrue(out.path("error").isMissingNode(), () -> "scenario error: " + out);
        return out;
    }

    private static void assertAdminScenario(JsonNode out, String transport) {
        assertEquals(transport, out.path("transport").asString(), () -> out.toString());
        assertEquals("aitip", out.path("server").path("name").asString(), () -> "serverInfo: " + out.path("server"));
        List<String> failures = new ArrayList<>();
        for (String step : ADMIN_STEPS.split(",")) {
            JsonNode result = out.path("steps").path(step);
            if (!result.path("ok").asBoolean(false)) {
                failures.add(step + " failed: " + ClientRuns.tail(result.toString(), 4000));
            }
        }
        if (!failures.isEmpty()) {
            fail("TypeScript SDK over " + transport + ":\n" + String.join("\n", failures)
                    + "\nserver stderr tail: " + out.path("server_stderr_tail").asString(""));
        }

        JsonNode list = out.path("steps").path("list");
        assertTrue(names(list.path("names")).contains("dataset_list"), () -> "admin's tools/list: " + list.path("names"));
        assertTrue(names(list.path("names")).contains("training_submit"), () -> "admin's tools/list: " + list.path("names"));

        JsonNode readonly = out.path("steps").path("call-readonly");
        assertEquals("succeeded", readonly.path("result").path("structuredContent").path("status").asString(),
                () -> "dataset_list: " + readonly);

        JsonNode train = out.path("steps").path("train");
        assertTrue(train.path("job_id").asString("").startsWith("train-"), () -> "training job id: " + train.path("job_id"));
        assertEquals("succeeded", train.path("final_status").asString(), () -> "training job: " + train);
        assertTrue(train.path("progress_count").asInt(0) > 0, () -> "progress notifications for training_wait: " + train);

        JsonNode schema = out.path("steps").path("schema-error");
        assertEquals("INVALID_ARGUMENTS", schema.path("error").path("code").asString(), () -> "schema error: " + schema);
        assertEquals("/model", schema.path("error").path("pointer").asString(), () -> "schema error pointer: " + schema);
    }

    private static void assertDenied(JsonNode out, String transport) {
        JsonNode denied = out.path("steps").path("denied");
        assertTrue(denied.path("ok").asBoolean(false), () -> "viewer over " + transport + ": " + denied
                + "\nserver stderr tail: " + out.path("server_stderr_tail").asString(""));
        assertEquals("training_submit", denied.path("tool").asString());
        assertEquals("PERMISSION_DENIED", denied.path("error").path("code").asString(), () -> denied.toString());
        assertFalse(denied.path("listed_in_tools_list").asBoolean(true), () -> denied.toString());
        assertTrue(denied.path("result").path("isError").asBoolean(false), () -> denied.toString());
    }

    private static String summary(JsonNode steps) {
        StringBuilder text = new StringBuilder();
        steps.properties().forEach(step -> {
            text.append(step.getKey()).append("[ok=").append(step.getValue().path("ok"))
                    .append(" ms=").append(step.getValue().path("duration_ms"));
            if (step.getValue().has("progress_count")) {
                text.append(" job=").append(step.getValue().path("job_id").asString())
                        .append(" status=").append(step.getValue().path("final_status").asString())
                        .append(" progress=").append(step.getValue().path("progress_count"));
            }
            text.append("] ");
        });
        return text.toString().strip();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asString()));
        return names;
    }
}
