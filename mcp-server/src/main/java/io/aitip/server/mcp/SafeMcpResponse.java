package io.aitip.server.mcp;

import io.aitip.tools.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Wraps MCP transport responses so that no error body ever carries a serialized Java exception:
 * the SDK writes {@code McpError} objects (with stack traces) and calls {@code sendError}. Error
 * bodies are buffered and rewritten as plain JSON-RPC errors with a code and a message.
 */
final class SafeMcpResponse extends HttpServletResponseWrapper {

    private StringWriter buffer;
    private int status = SC_OK;
    private String openedSessionId;

    SafeMcpResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int sc) {
        this.status = sc;
        super.setStatus(sc);
    }

    @Override
    public void setHeader(String name, String value) {
        captureSession(name, value);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        captureSession(name, value);
        super.addHeader(name, value);
    }

    private void captureSession(String name, String value) {
        if ("mcp-session-id".equalsIgnoreCase(name)) {
            openedSessionId = value;
        }
    }

    /** The session id the SDK handed out in this response (an initialize), or null. */
    String openedSessionId() {
        return openedSessionId;
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String message) throws IOException {
        this.status = sc;
        writeError(sc, message);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (status >= 400) {
            if (buffer == null) {
                buffer = new StringWriter();
            }
            return new PrintWriter(buffer);
        }
        return super.getWriter();
    }

    /** Rewrites a buffered error body; call once the servlet is done. */
    void finish() throws IOException {
        if (buffer == null) {
            return;
        }
        String message = null;
        try {
            JsonNode body = Json.MAPPER.readTree(buffer.toString());
            JsonNode text = body.path("error").path("message");
            message = text.isString() ? text.asString() : body.path("message").asString(null);
        } catch (RuntimeException notJson) {
            // keep the default message for this status
        }
        writeError(status, message);
    }

    private void writeError(int sc, String message) throws IOException {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(sc);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String text = message == null || message.isBlank() ? defaultMessage(sc) : firstLine(message);
        response.getWriter().write(Json.write(Map.of("jsonrpc", "2.0",
                "error", Map.of("code", jsonRpcCode(sc), "message", text))));
        response.getWriter().flush();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static int jsonRpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> -32600;
            case 404 -> -32001;
            case 413 -> -32600;
            default -> httpStatus >= 500 ? -32603 : -32000;
        };
    }

    private static String defaultMessage(int sc) {
        return switch (sc) {
            case 400 -> "Bad request: send a JSON-RPC 2.0 message with Accept: application/json, text/event-stream.";
            case 404 -> "Session not found: initialize a new session without an Mcp-Session-Id header.";
            case 405 -> "Method not allowed on /mcp.";
            case 413 -> "Request body too large.";
            case 503 -> "Server is shutting down; retry shortly.";
            default -> "Request failed (HTTP " + sc + ").";
        };
    }
}
