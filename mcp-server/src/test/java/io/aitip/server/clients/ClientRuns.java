package io.aitip.server.clients;

import io.aitip.server.testing.NodeClients;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Small helpers shared by the independent-client tests. */
final class ClientRuns {

    private ClientRuns() {
    }

    /**
     * A command line as one string for the node scripts' {@code --stdio} option: arguments joined by
     * spaces, those with whitespace in double quotes (mcp-scenario.mjs honours simple quotes).
     */
    static String commandLine(List<String> command) {
        return command.stream()
                .map(arg -> arg.chars().anyMatch(Character::isWhitespace) ? '"' + arg + '"' : arg)
                .collect(Collectors.joining(" "));
    }

    /** The JSON object a client printed as its last stdout line, or a failure naming the whole run. */
    static JsonNode lastJson(NodeClients.Result result) {
        try {
            return NodeClients.json(result);
        } catch (RuntimeException e) {
            throw new AssertionError("client did not print a JSON result:\n" + result.output(), e);
        }
    }

    /** Truncates long diagnostics so a failure message stays readable. */
    static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
