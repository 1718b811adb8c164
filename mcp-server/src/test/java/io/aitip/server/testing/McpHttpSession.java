package io.aitip.server.testing;

import io.aitip.tools.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plain MCP client over Streamable HTTP (JSON-RPC by hand): initialize, tools/list, tools/call
 * with {@code _meta}. Answers come as JSON or as a one-event SSE stream; both are read.
 */
public final class McpHttpSession {

    private final TestServer server;
    private final String token;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger(1);

    public McpHttpSession(TestServer server, String token) {
        this.server = server;
        this.token = token;
        TestServer.Reply reply = send(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"policy-walk\",\"version\":\"1\"}}}");
        if (reply.status() != 200) {
            throw new IllegalStateException("initialize failed: " + reply.status() + " " + reply.raw());
        }
        this.session = reply.headers().firstValue("Mcp-Session-Id").orElseThrow();
        send(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** The names tools/list shows this principal. */
    public List<String> toolNames() {
        JsonNode answer = message(send(session, "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet()
                + ",\"method\":\"tools/list\"}"));
        List<String> names = new ArrayList<>();
        answer.path("result").path("tools").forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }

    /** The {@code structuredContent} of a tools/call (the execute result), or the JSON-RPC error. */
    public JsonNode call(String tool, JsonNode arguments, Map<String, Object> meta) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", arguments);
        if (!meta.isEmpty()) {
            params.set("_meta", Json.tree(meta));
        }
        ObjectNode request = Json.object();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", "tools/call");
        request.set("params", params);
        JsonNode answer = message(send(session, Json.write(request)));
        return answer.has("result") ? answer.path("result").path("structuredContent") : answer;
    }

    /** Any JSON-RPC request on this session; the answer (result or error). */
    public JsonNode request(String method, JsonNode params) {
        ObjectNode request = Json.object();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        request.set("params", params);
        return message(send(session, Json.write(request)));
    }

    private TestServer.Reply send(String sessionId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return server.send(request, token);
    }

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
}
