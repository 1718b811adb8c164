package io.aitip.tools.pipeline;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolError;
import tools.jackson.databind.JsonNode;

/** Turns stored executions back into execute results. */
public final class ExecutionRecords {

    private ExecutionRecords() {
    }

    public static ExecutionResult toResult(ExecutionRecord record) {
        JsonNode result = record.resultJson() == null ? null : Json.MAPPER.readTree(record.resultJson());
        return new ExecutionResult(record.id(), record.status(), record.tool(), result,
                record.errorJson() == null ? null : Json.MAPPER.readValue(record.errorJson(), ToolError.class),
                null, MonitoringLinks.of(record.id(), result));
    }
}
