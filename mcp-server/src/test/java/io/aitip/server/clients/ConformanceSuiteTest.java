package io.aitip.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aitip.server.testing.NodeClients;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Integration test (IT): the official MCP conformance suite ({@code @modelcontextprotocol/conformance}
 * {@code server --suite all}) against the real server in the conformance profile
 * ({@code aitip.conformance=true}: unauthenticated MCP requests see only the suite's fixtures).
 * Named {@code *Test} so that surefire runs it in the normal test phase.
 *
 * <p>The suite prints a summary ({@code ✓|✗ <scenario>: N passed, M failed} per scenario, then
 * {@code Total: N passed, M failed}) and exits 1 when any check failed; with {@code -o DIR} it also
 * writes each scenario's checks to {@code DIR/server-<scenario>-<timestamp>/checks.json}. This test
 * reads both and requires them to agree.
 */
class ConformanceSuiteTest {

    private static final Pattern SCENARIO = Pattern.compile("^([\u2713\u2717]) (\\S+): (\\d+) passed, (\\d+) failed$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("^Total: (\\d+) passed, (\\d+) failed$", Pattern.MULTILINE);

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("aitip.conformance", "true"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void allScenariosPass() throws IOException {
        Path results = Files.createTempDirectory("aitip-conformance");
        try {
            NodeClients.Result run = NodeClients.runTool(List.of("node_modules/.bin/conformance", "server",
                    "--url", server.mcpUrl(), "--suite", "all", "-o", results.toString()), Map.of(), 1800);
            String output = run.output();
            String stdout = run.stdout();

            Matcher total = TOTAL.matcher(stdout);
            assertTrue(total.find(), () -> "no 'Total:' line in the suite's output:\n" + output);
            int passed = Integer.parseInt(total.group(1));
            int failed = Integer.parseInt(total.group(2));

            List<String> failedScenarios = new ArrayList<>();
            Map<String, Integer> passedByScenario = new java.util.LinkedHashMap<>();
            int scenarios = 0;
            Matcher scenario = SCENARIO.matcher(stdout.substring(Math.max(0, stdout.lastIndexOf("=== SUMMARY ==="))));
            while (scenario.find()) {
                scenarios++;
                passedByScenario.put(scenario.group(2), Integer.parseInt(scenario.group(3)));
                if (scenario.group(1).equals("\u2717") || !scenario.group(4).equals("0")) {
                    failedScenarios.add(scenario.group(2));
                }
            }
            List<String> failedChecks = checks(results, "FAILURE");
            List<String> warnings = checks(results, "WARNING");
            String summary = "conformance: " + scenarios + " scenarios, " + passed + " checks passed, " + failed
                    + " failed; failed scenarios " + failedScenarios + "; failed checks " + failedChecks
                    + "; warnings " + warnings;
            System.out.println(stdout.substring(Math.max(0, stdout.lastIndexOf("=== SUMMARY ==="))));
            System.out.println(summary);

            assertEquals(0, failed, () -> summary + "\n" + output);
            assertTrue(failedScenarios.isEmpty(), () -> summary + "\n" + output);
            assertTrue(failedChecks.isEmpty(), () -> summary + "\n" + output);
            assertEquals(0, run.exitCode(), () -> summary + "\n" + output);
            assertTrue(scenarios > 0, () -> summary + "\n" + output);
            assertTrue(passed > 0, () -> summary + "\n" + output);
            // a foreign Host or Origin on /mcp must be refused (AuthFilter answers 421 / 403)
            assertTrue(passedByScenario.getOrDefault("dns-rebinding-protection", 0) > 0, () -> summary + "\n" + output);
            assertFalse(failedScenarios.contains("dns-rebinding-protection"), () -> summary + "\n" + output);
        } finally {
            delete(results);
        }
    }

    /** {@code scenario/check: error} for every check of this status in the checks.json files the suite wrote. */
    private static List<String> checks(Path results, String status) throws IOException {
        List<String> failures = new ArrayList<>();
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("checks.json")).sorted().toList()) {
                JsonNode checks = Json.MAPPER.readTree(Files.readString(file));
                checks.forEach(check -> {
                    if (status.equals(check.path("status").asString())) {
                        failures.add(file.getParent().getFileName() + "/" + check.path("id").asString() + ": "
                                + check.path("errorMessage").asString(""));
                    }
                });
            }
        }
        return failures;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
