package io.aitip.platform.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The lead's built-in runtime ({@code executors/src/main/resources/runtime/TinyChatServer.java}),
 * started as a real OS process on a free loopback port: a deterministic OpenAI-compatible model
 * with a {@code weak} or {@code hardened} safety profile. Found from any module's directory.
 */
public final class TinyChat implements AutoCloseable {

    private final Process process;
    private final int port;

    private TinyChat(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static TinyChat start(String profile) {
        return start(profile, "tiny-chat", "v1");
    }

    public static TinyChat start(String profile, String model, String version) {
        return start(profile, model, version, 0);
    }

    /** @param latencyMs how long the model takes per answer */
    public static TinyChat start(String profile, String model, String version, long latencyMs) {
        Path source = source();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", source.toString(),
                    "--port", "0", "--model", model, "--version", version, "--profile", profile,
                    "--latency-ms", Long.toString(latencyMs))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("AITIP_READY port=")) {
                    int port = Integer.parseInt(line.substring("AITIP_READY port=".length()).trim());
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // keep the pipe empty
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return new TinyChat(process, port);
                }
            }
            throw new IllegalStateException("TinyChatServer exited before it was ready (status "
                    + process.waitFor() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start TinyChatServer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path source() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("executors/src/main/resources/runtime/TinyChatServer.java");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("TinyChatServer.java not found above " + Path.of("").toAbsolutePath());
    }

    public int port() {
        return port;
    }

    /** The OpenAI-compatible base URL, {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
