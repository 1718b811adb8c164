package io.aitip.server.rest;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/agent/execute}, in either shape: plain
 * {@code {"tool","params",...}} or an OpenAI tool call {@code {"type":"function","function":{...},"id"}}.
 */
record ExecuteRequest(String tool, JsonNode params, boolean async, String callbackUrl, String idempotencyKey,
                      boolean dryRun, String confirmationToken, String openAiCallId) {

    private static final Set<String> PLAIN_FIELDS = Set.of("tool", "params", "async", "callback_url",
            "idempotency_key", "dry_run", "confirmation_token");

    boolean openAi() {
        return openAiCallId != null;
    }

    static ExecuteRequest parse(JsonNode body, String pointerPrefix) {
        if (body == null || !body.isObject()) {
            throw invalid(pointerPrefix, "The body must be a JSON object: {\"tool\": ..., \"params\": {...}} or an OpenAI tool call.");
        }
        if (body.has("function")) {
            return openAi(body, pointerPrefix);
        }
        for (String field : body.propertyNames()) {
            if (!PLAIN_FIELDS.contains(field)) {
                throw invalid(pointerPrefix + "/" + field, "Unknown field '" + field + "'. Allowed: " + PLAIN_FIELDS + ".");
            }
        }
        JsonNode tool = body.path("tool");
        if (!tool.isString() || tool.asString().isBlank()) {
            throw invalid(pointerPrefix + "/tool", "Name the tool to run in 'tool' (see GET /api/v1/agent/tools).");
        }
        JsonNode params = body.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw invalid(pointerPrefix + "/params", "'params' must be an object of the tool's arguments.");
        }
        return new ExecuteRequest(tool.asString(), params.isMissingNode() ? Json.object() : params,
                bool(body, "async", pointerPrefix), text(body, "callback_url", pointerPrefix),
                text(body, "idempotency_key", pointerPrefix), bool(body, "dry_run", pointerPrefix),
                text(body, "confirmation_token", pointerPrefix), null);
    }

    private static ExecuteRequest openAi(JsonNode body, String pointerPrefix) {
        JsonNode function = body.path("function");
        JsonNode name = function.path("name");
        if (!name.isString()) {
            throw invalid(pointerPrefix + "/function/name", "An OpenAI tool call needs function.name.");
        }
        JsonNode arguments = function.path("arguments");
        JsonNode params;
        if (arguments.isString()) {
            try {
                params = arguments.asString().isBlank() ? Json.object() : Json.MAPPER.readTree(arguments.asString());
            } catch (RuntimeException e) {
                throw invalid(pointerPrefix + "/function/arguments", "function.arguments is not valid JSON.");
            }
        } else if (arguments.isObject()) {
            params = arguments;
        } else {
            params = Json.object();
        }
        String id = body.path("id").asString("call");
        return new ExecuteRequest(name.asString(), params, false, null, null, false, null, id);
    }

    private static boolean bool(JsonNode body, String field, String prefix) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(prefix + "/" + field, "'" + field + "' must be true or false.");
        }
        return value.asBoolean();
    }

    private static String text(JsonNode body, String field, String prefix) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(prefix + "/" + field, "'" + field + "' must be a string.");
        }
        return value.asString();
    }

    private static ToolException invalid(String pointer, String message) {
        return new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, message, pointer.isEmpty() ? "" : pointer));
    }
}
