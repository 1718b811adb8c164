package io.aitip.server.testing;

import io.aitip.server.AitipMain;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The server as a real OS process ({@code java … AitipMain serve} on the test classpath), for
 * fault and multi-replica tests: it can be SIGKILLed ({@link #kill()}) and started again on the
 * same port, database and home.
 */
public final class ServerProcess implements AutoCloseable {

    private final Map<String, String> settings;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Process process;
    private int starts;

    /** @param settings {@code aitip.*} settings passed as system properties */
    public ServerProcess(Map<String, String> settings, Path log) {
        this.settings = new LinkedHashMap<>(settings);
        this.port = freePort();
        this.log = log;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the process and waits until {@code /readyz} answers 200. */
    public void start(Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-Xss512k"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dserver.port=" + port);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(AitipMain.class.getName());
        command.add("serve");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the server process", e);
        }
        starts++;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException ignored) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the server did not become ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop; what was in flight is cut. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public int starts() {
        return starts;
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), token);
    }

    public JsonNode post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), token);
    }

    private JsonNode send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().isBlank() ? Json.object() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
