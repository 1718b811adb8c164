package io.aitip.server.rest;

import io.aitip.server.web.ApiErrors;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the seed's resource routes share: each route is one tool call through the pipeline, and
 * answers with the tool's result (or the error object) and the matching HTTP status.
 */
@Component
public class ToolRoutes {

    private final InvocationPipeline pipeline;

    public ToolRoutes(InvocationPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public ResponseEntity<JsonNode> call(Principal principal, String traceId, String tool, ObjectNode params) {
        return callConfirmed(principal, traceId, tool, params, null);
    }

    /** A call that may carry the confirmation token of an earlier {@code needs_confirmation} answer. */
    public ResponseEntity<JsonNode> callConfirmed(Principal principal, String traceId, String tool, ObjectNode params,
                                                  String confirmationToken) {
        ExecutionResult result = pipeline.invoke(new Invocation(principal, Door.REST, tool, params, null, false, false,
                confirmationToken, null, null, null, traceId));
        if (result.error() != null) {
            int status = result.status() == ExecutionStatus.NEEDS_CONFIRMATION ? 202 : ApiErrors.status(result.error().code());
            return ApiErrors.withRetryAfter(ResponseEntity.status(status), result.error()).body(Json.tree(result));
        }
        return ResponseEntity.ok(result.result());
    }

    /** The query or path values given, as tool parameters; absent ones are left out. */
    public static ObjectNode params(Map<String, ?> values) {
        ObjectNode params = Json.object();
        values.forEach((key, value) -> {
            if (value instanceof Integer number) {
                params.put(key, number);
            } else if (value != null) {
                params.put(key, value.toString());
            }
        });
        return params;
    }

    /** A JSON body as parameters, with path values added on top. */
    public static ObjectNode params(JsonNode body, Map<String, String> pathValues) {
        ObjectNode params = body != null && body.isObject() ? (ObjectNode) body.deepCopy() : Json.object();
        pathValues.forEach(params::put);
        return params;
    }
}
