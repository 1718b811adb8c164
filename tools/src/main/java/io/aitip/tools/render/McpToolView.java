package io.aitip.tools.render;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.ExecutionStatus;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a tool as an MCP {@code Tool} object: name, title, description, input schema, the execute
 * result envelope as output schema, and the behaviour annotations chosen from the spec.
 */
public final class McpToolView {

    private static final ObjectNode OUTPUT_SCHEMA = buildOutputSchema();

    private McpToolView() {
    }

    public static ObjectNode render(RegisteredTool tool) {
        ToolSpec spec = tool.spec();
        ObjectNode view = Json.object();
        view.put("name", spec.name());
        view.put("title", spec.title());
        view.put("description", spec.description());
        view.set("inputSchema", tool.inputSchema());
        view.set("outputSchema", outputSchema());
        view.set("annotations", annotations(spec));
        return view;
    }

    /** The MCP annotations (hints) of a spec. A write tool is neither read-only nor destructive. */
    public static ObjectNode annotations(ToolSpec spec) {
        ObjectNode hints = Json.object();
        hints.put("title", spec.title());
        hints.put("readOnlyHint", spec.readOnly());
        hints.put("destructiveHint", spec.destructive());
        hints.put("idempotentHint", spec.idempotent());
        hints.put("openWorldHint", spec.openWorld());
        return hints;
    }

    /** The execute result envelope (DESIGN.md "Execute result"), the shape of MCP {@code structuredContent}. */
    public static ObjectNode outputSchema() {
        return OUTPUT_SCHEMA.deepCopy();
    }

    private static ObjectNode buildOutputSchema() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("execution_id").put("type", "string")
                .put("description", "Id of this execution; poll execution_get with it while it runs.");
        ObjectNode status = properties.putObject("status");
        status.put("type", "string");
        ArrayNode statuses = status.putArray("enum");
        for (ExecutionStatus value : ExecutionStatus.values()) {
            statuses.add(value.wire());
        }
        properties.putObject("tool").put("type", "string");
        properties.putObject("result")
                .put("description", "The tool's own result; present when status is succeeded (or ready for a dry run).");
        ObjectNode error = properties.putObject("error");
        error.put("type", "object");
        ObjectNode errorProperties = error.putObject("properties");
        errorProperties.putObject("code").put("type", "string");
        errorProperties.putObject("message").put("type", "string");
        errorProperties.putObject("pointer").put("type", "string");
        errorProperties.putObject("details").put("type", "array");
        error.putArray("required").add("code").add("message");
        properties.putObject("confirmation").put("type", "object")
                .put("description", "Present when status is needs_confirmation: call again with this token once the user agrees.");
        properties.putObject("monitoring").put("type", "object");
        schema.putArray("required").add("execution_id").add("status").add("tool");
        return schema;
    }
}
