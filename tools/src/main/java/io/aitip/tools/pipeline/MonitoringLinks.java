package io.aitip.tools.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Where to follow an execution: its status route, the live event stream and WebSocket filtered to
 * it, and, when its result names a training job, the job's route, log stream (SSE, follow mode) and
 * MCP resource.
 */
public final class MonitoringLinks {

    private MonitoringLinks() {
    }

    public static Map<String, Object> of(String executionId, JsonNode result) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("execution_url", "/api/v1/agent/executions/" + executionId);
        links.put("events_url", "/api/v1/events?execution_id=" + executionId);
        links.put("websocket_url", "/ws/agent/stream");
        String job = jobId(result);
        if (job != null) {
            links.put("job_url", "/api/v1/training/jobs/" + job);
            links.put("logs_url", "/api/v1/training/jobs/" + job + "/logs?follow=true");
            links.put("resource", "aitip://training/jobs/" + job);
        }
        return links;
    }

    /** The training job a result is about: {@code job_id} at the top or under {@code job}. */
    static String jobId(JsonNode result) {
        if (result == null || !result.isObject()) {
            return null;
        }
        JsonNode id = result.path("job_id");
        if (!id.isString()) {
            id = result.path("job").path("job_id");
        }
        return id.isString() && id.asString().startsWith("train-") ? id.asString() : null;
    }
}
