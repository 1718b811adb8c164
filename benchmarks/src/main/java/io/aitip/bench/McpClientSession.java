package io.aitip.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One MCP client over Streamable HTTP: the initialize handshake, then {@code tools/call} requests
 * on the same session. Hand-rolled on the JDK client (not the SDK client) so the load generator
 * adds as little of its own work as possible and both servers see the exact same requests.
 */
final class McpClientSession {

	static final String PROTOCOL_VERSION = "2025-11-25";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http;

	private final URI uri;

	private final String token;

	/** {@code "params":{...}} of every tools/call, serialized once. */
	private final String callParams;

	private String sessionId;

	private String protocolVersion = PROTOCOL_VERSION;

	private long nextId = 1;

	McpClientSession(HttpClient http, URI uri, String token, String tool, String argsJson) {
		this.http = http;
		this.uri = uri;
		this.token = token == null || token.isBlank() ? null : token;
		var params = JSON.createObjectNode();
		params.put("name", tool);
		params.set("arguments", JSON.readTree(argsJson));
		this.callParams = JSON.writeValueAsString(params);
	}

	/** initialize + notifications/initialized; throws if the server refuses. */
	void open() throws IOException, InterruptedException {
		String init = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"initialize\",\"params\":"
				+ "{\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
				+ "\"clientInfo\":{\"name\":\"aitip-bench\",\"version\":\"1.0\"}}}";
		HttpResponse<String> response = post(init);
		if (response.statusCode() != 200) {
			throw new IOException("initialize: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
		}
		JsonNode reply = rpcReply(response);
		if (reply == null || !reply.has("result")) {
			throw new IOException("initialize failed: " + abbreviate(response.body()));
		}
		sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
		JsonNode negotiated = reply.path("result").path("protocolVersion");
		if (negotiated.isString()) {
			protocolVersion = negotiated.asString();
		}
		HttpResponse<String> ack = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		if (ack.statusCode() / 100 != 2) {
			throw new IOException("notifications/initialized: HTTP " + ack.statusCode());
		}
	}

	/**
	 * One tools/call. Returns null on success, otherwise a short reason: an HTTP status other
	 * than 200, a JSON-RPC error, or a result with {@code isError: true}.
	 */
	String callTool() throws IOException, InterruptedException {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"tools/call\",\"params\":"
				+ callParams + "}";
		HttpResponse<String> response = post(body);
		if (response.statusCode() != 200) {
			return "HTTP " + response.statusCode();
		}
		JsonNode reply = rpcReply(response);
		if (reply == null) {
			return "no JSON-RPC response";
		}
		if (reply.has("error")) {
			return "JSON-RPC error " + reply.path("error").path("code").asString();
		}
		if (reply.path("result").path("isError").asBoolean(false)) {
			return "tool error";
		}
		return null;
	}

	/** Best effort: lets the server drop the session right away. */
	void close() {
		if (sessionId == null) {
			return;
		}
		try {
			http.send(request().DELETE().build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException | InterruptedException | RuntimeException ignored) {
			// the server's session sweep cleans up
		}
	}

	private HttpResponse<String> post(String json) throws IOException, InterruptedException {
		HttpRequest req = request().header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return http.send(req, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request() {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri)
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json, text/event-stream");
		if (sessionId != null) {
			b.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", protocolVersion);
		}
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		return b;
	}

	/** The JSON-RPC response in a JSON body or in an SSE stream's {@code data:} lines. */
	private static JsonNode rpcReply(HttpResponse<String> response) {
		String type = response.headers().firstValue("Content-Type").orElse("");
		String body = response.body();
		if (!type.startsWith("text/event-stream")) {
			return body.isBlank() ? null : JSON.readTree(body);
		}
		StringBuilder data = new StringBuilder();
		for (String line : (body + "\n\n").split("\r?\n", -1)) {
			if (line.startsWith("data:")) {
				data.append(data.length() > 0 ? "\n" : "").append(line.substring(line.startsWith("data: ") ? 6 : 5));
			}
			else if (line.isEmpty() && data.length() > 0) {
				// end of one event: the stream may carry notifications before the response
				JsonNode event = JSON.readTree(data.toString());
				if (event.has("result") || event.has("error")) {
					return event;
				}
				data.setLength(0);
			}
		}
		return null;
	}

	private static String abbreviate(String s) {
		return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
	}

}
