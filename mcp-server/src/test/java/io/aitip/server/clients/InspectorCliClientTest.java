package io.aitip.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aitip.server.testing.NodeClients;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Integration test (IT): the MCP Inspector CLI ({@code inspector.sh}, headless) against the real
 * server over Streamable HTTP and over {@code aitip stdio}. Named {@code *Test} so that surefire runs
 * it in the normal test phase.
 */
class InspectorCliClientTest {

    /** inspector.sh exits 5 when a tools/call result has isError:true (inspector 2.12.0, tool_is_error). */
    private static final int TOOL_ERROR_EXIT = 5;

    enum Transport { HTTP, STDIO }

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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void adminListsPlatformTools(Transport transport) {
        Run run = inspector(transport, TestServer.ADMIN_TOKEN, "--method", "tools/list");
        assertEquals(0, run.exitCode(), run::output);
        List<String> names = toolNames(run.json());
        assertTrue(names.contains("dataset_list"), () -> "admin's tools/list: " + names + "\n" + run.output());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void viewerDoesNotSeeTrainingSubmit(Transport transport) {
        Run run = inspector(transport, viewerKey, "--method", "tools/list");
        assertEquals(0, run.exitCode(), run::output);
        List<String> names = toolNames(run.json());
        assertTrue(names.contains("dataset_list"), () -> "viewer's tools/list: " + names);
        assertFalse(names.contains("training_submit"), () -> "viewer's tools/list: " + names);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readOnlyCallSucceeds(Transport transport) {
        Run run = inspector(transport, TestServer.ADMIN_TOKEN,
                "--method", "tools/call", "--tool-name", "dataset_list", "--tool-args-json", "{\"limit\":5}");
        assertEquals(0, run.exitCode(), run::output);
        JsonNode result = run.json().path("result");
        assertFalse(result.path("isError").asBoolean(false), run::output);
        assertEquals("succeeded", result.path("structuredContent").path("status").asString(), run::output);
        assertEquals("dataset_list", result.path("structuredContent").path("tool").asString(), run::output);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void submitsATrainingJobAndFollowsItToSucceeded(Transport transport) {
        Run submitted = inspector(transport, TestServer.ADMIN_TOKEN, "--method", "tools/call", "--tool-name",
                "training_submit", "--tool-args-json",
                "{\"name\":\"inspector-job\",\"model\":\"tiny-mlp\",\"config\":{\"epochs\":2,\"learning_rate\":0.05}}");
        assertEquals(0, submitted.exitCode(), submitted::output);
        String jobId = submitted.json().path("result").path("structuredContent").path("result").path("job_id").asString();
        assertTrue(jobId.startsWith("train-"), submitted::output);
        Run waited = inspector(transport, TestServer.ADMIN_TOKEN, "--method", "tools/call", "--tool-name",
                "training_wait", "--tool-args-json", "{\"job_id\":\"" + jobId + "\",\"timeout_seconds\":300}");
        assertEquals(0, waited.exitCode(), waited::output);
        JsonNode job = waited.json().path("result").path("structuredContent").path("result").path("job");
        assertEquals("succeeded", job.path("status").asString(), waited::output);
        Run got = inspector(transport, TestServer.ADMIN_TOKEN, "--method", "tools/call", "--tool-name",
                "training_get", "--tool-args-json", "{\"job_id\":\"" + jobId + "\"}");
        assertTrue(got.json().toString().contains("\"succeeded\""), got::output);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void schemaErrorNamesThePointer(Transport transport) {
        Run run = inspector(transport, TestServer.ADMIN_TOKEN,
                "--method", "tools/call", "--tool-name", "training_submit", "--tool-args-json", "{\"model\":42}");
        assertEquals(TOOL_ERROR_EXIT, run.exitCode(), run::output);
        JsonNode result = run.json().path("result");
        assertTrue(result.path("isError").asBoolean(false), run::output);
        JsonNode error = result.path("structuredContent").path("error");
        assertEquals("INVALID_ARGUMENTS", error.path("code").asString(), run::output);
        assertEquals("/model", error.path("pointer").asString(), run::output);
    }

    /**
     * The Inspector CLI (2.12.0) lists tools before a tools/call and refuses, client-side, to call one
     * that tools/list did not return: for a viewer, training_submit is hidden, so the call never
     * reaches the server and the CLI exits 5 with {@code tool_not_found}. The server's own answer to
     * such a call (isError, PERMISSION_DENIED) is asserted with the TypeScript SDK, which sends it
     * anyway ({@link TypeScriptSdkClientTest}'s {@code denied} step).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void viewerCannotCallTrainingSubmit(Transport transport) {
        Run run = inspector(transport, viewerKey,
                "--method", "tools/call", "--tool-name", "training_submit", "--tool-args-json", "{\"model\":\"tiny-mlp\"}");
        assertEquals(TOOL_ERROR_EXIT, run.exitCode(), run::output);
        if ("tool_not_found".equals(cliErrorCode(run.result().stderr()))) {
            return; // refused by the Inspector itself: the tool is not visible to this viewer
        }
        // a later Inspector that sends the call anyway must see the server deny it
        JsonNode result = run.json().path("result");
        assertTrue(result.path("isError").asBoolean(false), run::output);
        assertEquals("PERMISSION_DENIED", result.path("structuredContent").path("error").path("code").asString(), run::output);
    }

    private record Run(NodeClients.Result result) {
        int exitCode() {
            return result.exitCode();
        }

        JsonNode json() {
            return ClientRuns.lastJson(result);
        }

        String output() {
            return ClientRuns.tail(result.output(), 8000);
        }
    }

    private static Run inspector(Transport transport, String token, String... inspectorArgs) {
        List<String> command = new ArrayList<>(List.of("bash", NodeClients.clientsDir().resolve("inspector.sh").toString()));
        if (transport == Transport.HTTP) {
            command.addAll(List.of("--http", server.mcpUrl(), "--token", token));
        } else {
            command.addAll(List.of("--stdio", ClientRuns.commandLine(server.stdioCommand()), "--token", token,
                    // the child JVM starts Spring and connects to the database before it answers initialize
                    "--connect-timeout", "300000"));
        }
        command.addAll(List.of(inspectorArgs));
        return new Run(NodeClients.runTool(command, Map.of(), 600));
    }

    /** The code of the {"error":{"code":...}} line the Inspector CLI prints on stderr, or "". */
    private static String cliErrorCode(String stderr) {
        for (String line : stderr.strip().split("\n")) {
            if (line.startsWith("{\"error\"")) {
                try {
                    return Json.MAPPER.readTree(line).path("error").path("code").asString("");
                } catch (RuntimeException notJson) {
                    return "";
                }
            }
        }
        return "";
    }

    private static List<String> toolNames(JsonNode out) {
        List<String> names = new ArrayList<>();
        out.path("result").path("tools").forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }
}
