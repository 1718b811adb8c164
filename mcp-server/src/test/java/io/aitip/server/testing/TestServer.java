package io.aitip.server.testing;

import io.aitip.platform.testing.TestDatabase;
import io.aitip.server.AitipMain;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The real server, started in the test JVM on a random port against a fresh database on the
 * machine's PostgreSQL, with a bootstrap admin key. {@link #stdioCommand} starts the same server
 * as a child process speaking MCP over stdio.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "aitip_test_admin_" + Long.toHexString(System.nanoTime());

    private final TestDatabase database;
    private final ConfigurableApplicationContext context;
    private final Path home;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(TestDatabase database, ConfigurableApplicationContext context, Path home, Map<String, String> settings) {
        this.database = database;
        this.context = context;
        this.home = home;
        this.settings = settings;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** @param extra more {@code aitip.*} settings, e.g. {@code aitip.conformance=true} */
    public static TestServer start(Map<String, String> extra) {
        TestDatabase database = TestDatabase.create();
        try {
            Path home = Files.createTempDirectory("aitip-test-home");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("aitip.db.url", database.url());
            settings.put("aitip.db.user", database.user());
            settings.put("aitip.home", home.toString());
            settings.put("aitip.bootstrap-token", ADMIN_TOKEN);
            settings.put("aitip.executor.gpus", "a100:2,t4:1");
            // the offline router unless a test asks for the LLM mode: AITIP_NL_LLM_* in the caller's environment must not leak in
            settings.put("aitip.nl.llm.provider", "none");
            settings.putAll(extra);
            List<String> args = new ArrayList<>();
            args.add("--server.port=0");
            settings.forEach((key, value) -> args.add("--" + key + "=" + value));
            ConfigurableApplicationContext context = new SpringApplication(AitipMain.class).run(args.toArray(String[]::new));
            return new TestServer(database, context, home, settings);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("test server failed to start", e);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public String mcpUrl() {
        return baseUrl() + "/mcp";
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * The command line of {@code aitip stdio} against the same database, acting as {@code token}:
     * the test JVM's classpath with the server's main class.
     */
    public List<String> stdioCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-XX:TieredStopAtLevel=1");
        settings.forEach((key, value) -> {
            if (!key.equals("aitip.bootstrap-token")) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add(AitipMain.class.getName());
        command.add("stdio");
        return command;
    }

    /** A new member of the default org with this role, and an API key for them. */
    public String keyForNewMember(String username, String role) {
        JsonNode member = post("/api/v1/orgs/default/members", ADMIN_TOKEN,
                Map.of("username", username, "role", role));
        if (member.has("error")) {
            throw new IllegalStateException("cannot add member: " + member);
        }
        return post("/api/v1/api-keys", ADMIN_TOKEN, Map.of("name", username + " key", "username", username))
                .path("key").asString();
    }

    /** A new user with their own org (another tenant), logged in by API key. */
    public String keyForNewTenant(String username) {
        JsonNode registered = post("/api/v1/auth/register", null,
                Map.of("username", username, "email", username + "@example.test", "password", "correct-horse-battery"));
        return post("/api/v1/api-keys", registered.path("token").asString(), Map.of("name", "own key")).path("key").asString();
    }

    public JsonNode post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), token).body();
    }

    public JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), token).body();
    }

    /** A response with its body parsed as JSON (an empty object for an empty body). */
    public record Reply(int status, java.net.http.HttpHeaders headers, String raw, JsonNode body) {
    }

    public Reply send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? Json.object() : Json.MAPPER.readTree(response.body());
            } catch (RuntimeException notJson) {
                body = Json.object();
            }
            return new Reply(response.statusCode(), response.headers(), response.body(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        database.close();
    }
}
