package io.aitip.tools.pipeline;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolError;
import java.util.Map;

/** Turns stored executions back into execute results. */
public final class ExecutionRecords {

    private ExecutionRecords() {
    }

    public static ExecutionResult toResult(ExecutionRecord record) {
        return new ExecutionResult(record.id(), record.status(), record.tool(),
                record.resultJson() == null ? null : Json.MAPPER.readTree(record.resultJson()),
                record.errorJson() == null ? null : Json.MAPPER.readValue(record.errorJson(), ToolError.class),
                null,
                Map.of("execution_url", "/api/v1/agent/executions/" + record.id()));
    }
}
