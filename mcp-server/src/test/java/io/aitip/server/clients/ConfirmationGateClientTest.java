package io.aitip.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aitip.server.testing.NodeClients;
import io.aitip.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The confirmation gate through a real MCP client (TypeScript SDK over Streamable HTTP): a client
 * without elicitation gets a single-use token; a client with elicitation is asked, and the call
 * runs only when the user accepts.
 */
class ConfirmationGateClientTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode step(String step, String elicitation) {
        NodeClients.Result result = NodeClients.runNode(List.of("mcp-scenario.mjs", "--http", server.mcpUrl(),
                "--token", TestServer.ADMIN_TOKEN, "--steps", step, "--elicitation", elicitation), Map.of(), 600);
        JsonNode out = ClientRuns.lastJson(result);
        assertEquals(0, result.exitCode(), result::output);
        JsonNode outcome = out.path("steps").path(step);
        assertTrue(outcome.path("ok").asBoolean(false), () -> step + " with elicitation=" + elicitation + ": "
                + ClientRuns.tail(outcome.toString(), 6000));
        return outcome;
    }

    @Test
    void withoutElicitationTheTokenConfirmsOnce() {
        step("confirm-token", "none");
    }

    @Test
    void withElicitationTheUserIsAskedAndAcceptanceRunsTheCall() {
        JsonNode outcome = step("confirm-elicit", "accept");
        assertTrue(outcome.path("elicitation").path("message").asString().contains("training_stop"), outcome::toString);
    }

    @Test
    void withElicitationADeclineChangesNothing() {
        step("confirm-elicit", "decline");
    }
}
