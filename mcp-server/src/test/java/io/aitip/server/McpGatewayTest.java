package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The gaps of the MCP SDK that the server covers, checked with raw Streamable HTTP requests. */
class McpGatewayTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply rpc(String token, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return server.send(request, token);
    }

    private static String initialize(String token) {
        TestServer.Reply reply = rpc(token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"gateway-test","version":"1"}}}""");
        assertThat(reply.status()).isEqualTo(200);
        String session = reply.headers().firstValue("Mcp-Session-Id").orElseThrow();
        rpc(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /** The JSON-RPC message of a reply that is either JSON or a one-event SSE stream. */
    private static JsonNode message(TestServer.Reply reply) {
        String raw = reply.raw();
        if (raw.startsWith("{")) {
            return Json.MAPPER.readTree(raw);
        }
        for (String line : raw.split("\n")) {
            if (line.startsWith("data:") && line.contains("\"id\"")) {
                return Json.MAPPER.readTree(line.substring(5).trim());
            }
        }
        throw new AssertionError("no JSON-RPC response in: " + raw);
    }

    @Test
    void aSessionAnswersOnlyThePrincipalThatOpenedIt() {
        String session = initialize(TestServer.ADMIN_TOKEN);
        String other = server.keyForNewMember("session-thief", "admin");
        TestServer.Reply stolen = rpc(other, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.raw()).doesNotContain("dataset_list");
        TestServer.Reply own = rpc(TestServer.ADMIN_TOKEN, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        assertThat(message(own).path("result").path("tools").toString()).contains("dataset_list");
    }

    @Test
    void errorBodiesNeverCarryStackTraces() {
        String session = initialize(TestServer.ADMIN_TOKEN);
        TestServer.Reply malformed = rpc(TestServer.ADMIN_TOKEN, session, "{\"jsonrpc\":\"2.0\",\"id\":");
        TestServer.Reply noSession = rpc(TestServer.ADMIN_TOKEN, null, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");
        TestServer.Reply unknownSession = rpc(TestServer.ADMIN_TOKEN, "no-such-session", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}");
        for (TestServer.Reply reply : new TestServer.Reply[] {malformed, noSession, unknownSession}) {
            assertThat(reply.status()).isGreaterThanOrEqualTo(400);
            assertThat(reply.raw()).doesNotContain("stackTrace").doesNotContain("at io.").doesNotContain("Exception");
            assertThat(reply.body().path("error").path("message").asString()).isNotBlank();
        }
    }

    @Test
    void unknownToolAndHiddenToolAnswerWithoutLeakingAnything() {
        String viewer = server.keyForNewMember("gateway-viewer", "viewer");
        String session = initialize(viewer);
        JsonNode listed = message(rpc(viewer, session, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}"));
        assertThat(names(listed.path("result").path("tools"))).doesNotContain("dataset_register");
        JsonNode hidden = message(rpc(viewer, session, """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"dataset_register",
                 "arguments":{"name":"x","uri":"s3://x"}}}"""));
        assertThat(hidden.path("result").path("isError").asBoolean()).isTrue();
        assertThat(hidden.path("result").path("structuredContent").path("error").path("code").asString()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void foreignHostOrOriginIsRefused() throws IOException {
        assertThat(rawStatus("Host: evil.example\r\n")).isEqualTo(421);
        assertThat(rawStatus("Host: localhost\r\nOrigin: http://evil.example\r\n")).isEqualTo(403);
        assertThat(rawStatus("Host: localhost\r\nOrigin: http://localhost:3000\r\n")).isNotIn(403, 421);
    }

    @Test
    void cancelledNotificationStopsALongCall() throws Exception {
        String session = initialize(TestServer.ADMIN_TOKEN);
        JsonNode submitted = message(rpc(TestServer.ADMIN_TOKEN, session, """
                {"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"training_submit",
                 "arguments":{"model":"sleepy","command":"sleep 120"}}}"""));
        String jobId = submitted.path("result").path("structuredContent").path("result").path("job_id").asString();
        assertThat(jobId).startsWith("train-");
        CompletableFuture<TestServer.Reply> waiting = CompletableFuture.supplyAsync(() -> rpc(TestServer.ADMIN_TOKEN, session,
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"training_wait\","
                        + "\"arguments\":{\"job_id\":\"" + jobId + "\",\"timeout_seconds\":600},\"_meta\":{\"progressToken\":\"p11\"}}}"));
        Thread.sleep(1500); // let the call start before cancelling it (ordering only; nothing is timed)
        rpc(TestServer.ADMIN_TOKEN, session, """
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":11,"reason":"user pressed stop"}}""");
        JsonNode result = message(waiting.get()).path("result").path("structuredContent");
        assertThat(result.path("status").asString()).isEqualTo("cancelled");
        JsonNode job = message(rpc(TestServer.ADMIN_TOKEN, session, "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"training_get\",\"arguments\":{\"job_id\":\"" + jobId + "\"}}}"));
        assertThat(job.toString()).as("cancelling the wait does not stop the job").contains("running");
    }

    private static int rawStatus(String headers) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\n" + headers + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static java.util.List<String> names(JsonNode tools) {
        java.util.List<String> names = new java.util.ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }
}
