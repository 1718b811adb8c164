package io.aitip.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The whole platform end to end through MCP with the official TypeScript SDK
 * ({@code platform-e2e.mjs}), as two people of one org: dataset → training job (a real process) →
 * model versions → deployment on the built-in runtime (real server processes) → evaluation and a
 * prompt-injection simulation in the sandbox (weak model fails, hardened passes) → canary release
 * approved by the other person → promoted through every stage → rolled back. Every step's result is
 * checked in the script; this test fails on any failed check.
 */
class PlatformScenarioTest {

    private static TestServer server;
    private static String approverKey;

    @BeforeAll
    static void start() {
        // the deployed replicas listen on loopback: evaluation and simulation targets may reach them
        server = TestServer.start(Map.of("aitip.targets.allowlist", "127.0.0.1"));
        approverKey = server.keyForNewMember("approver1", "admin");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void datasetToRollbackThroughMcp() {
        NodeClients.Result run = NodeClients.runNode(List.of("platform-e2e.mjs", "--http", server.mcpUrl(),
                "--token", TestServer.ADMIN_TOKEN, "--approver-token", approverKey), Map.of(), 900);
        JsonNode out = ClientRuns.lastJson(run);
        assertEquals(0, run.exitCode(), () -> "platform-e2e.mjs crashed:\n" + ClientRuns.tail(run.output(), 6000));
        assertTrue(out.path("error").isMissingNode(), () -> "scenario error: " + out.path("error"));
        List<String> names = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode step : out.path("steps")) {
            names.add(step.path("name").asString());
            if (!step.path("ok").asBoolean(false)) {
                failures.add(step.path("name").asString() + ": " + ClientRuns.tail(step.path("checks").toString(), 3000));
            }
        }
        System.out.println("platform e2e steps: " + names + ", failed: " + failures.size());
        assertEquals(List.of("dataset_register", "train", "model_register", "inference_deploy", "evaluation_run",
                "simulation_run", "release_create+approve", "release_promote", "release_rollback"), names);
        if (!failures.isEmpty()) {
            fail("platform scenario through MCP:\n" + String.join("\n", failures));
        }
    }
}
