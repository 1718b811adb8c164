package io.aitip.server.testing;

import io.aitip.tools.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Runs the independent MCP clients (TypeScript SDK, Inspector CLI, conformance suite) that
 * {@code scripts/provision-node.sh} installs with Node 22. Provisioning runs once per JVM.
 */
public final class NodeClients {

    private static Path node;

    private NodeClients() {
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/provision-node.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/provision-node.sh)");
        }
        return dir;
    }

    public static Path clientsDir() {
        return repoRoot().resolve("mcp-server/src/test/node");
    }

    /** The Node 22 binary, provisioned on first use. */
    public static synchronized Path node() {
        if (node == null) {
            Result result = run(List.of("bash", repoRoot().resolve("scripts/provision-node.sh").toString()), repoRoot(), Map.of(), 600);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("provision-node.sh failed:\n" + result.output());
            }
            String[] lines = result.stdout().strip().split("\n");
            node = Path.of(lines[lines.length - 1].strip());
        }
        return node;
    }

    /** Runs a script of the clients folder with Node 22 first on PATH. */
    public static Result runNode(List<String> args, Map<String, String> env, int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(node().toString());
        command.addAll(args);
        return run(command, clientsDir(), env, timeoutSeconds);
    }

    /** Runs a command in the clients folder with Node 22 first on PATH. */
    public static Result runTool(List<String> command, Map<String, String> env, int timeoutSeconds) {
        node();
        return run(command, clientsDir(), env, timeoutSeconds);
    }

    /** The JSON object a scenario script printed as its last stdout line. */
    public static JsonNode json(Result result) {
        String out = result.stdout().strip();
        int start = out.lastIndexOf("\n{");
        return Json.MAPPER.readTree(start < 0 ? out : out.substring(start + 1));
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("node-out", ".txt");
            Path err = Files.createTempFile("node-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (node != null) {
                builder.environment().put("PATH", node.getParent() + ":" + System.getenv("PATH"));
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
