package io.aitip.tools.catalog;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.schema.ArgumentValidator;
import io.aitip.tools.schema.SchemaGenerator;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A tool with what the catalog derives once at start-up: its input schema and validator. */
public final class RegisteredTool {

    private final Tool<?> tool;
    private final ObjectNode inputSchema;
    private final ArgumentValidator validator;

    RegisteredTool(Tool<?> tool) {
        this.tool = tool;
        this.inputSchema = SchemaGenerator.inputSchema(tool.inputType());
        this.validator = new ArgumentValidator(inputSchema);
    }

    public ToolSpec spec() {
        return tool.spec();
    }

    public String name() {
        return tool.spec().name();
    }

    public Class<?> inputType() {
        return tool.inputType();
    }

    /** A defensive copy: renderers may decorate it. */
    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    /** Validates normalized arguments; null when valid. */
    public ToolError validate(JsonNode arguments) {
        return validator.validate(arguments);
    }

    /**
     * Makes harmless differences disappear before validation: enum values in any case become the
     * schema's spelling (GPU types are case-insensitive on input), at any depth including array
     * items, and explicit nulls of object properties are dropped (OpenAI strict callers send them for
     * optional fields).
     */
    public JsonNode normalize(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return Json.object();
        }
        if (!arguments.isObject()) {
            return arguments;
        }
        ObjectNode copy = (ObjectNode) arguments.deepCopy();
        normalizeObject(copy, inputSchema);
        return copy;
    }

    private static void normalizeObject(ObjectNode value, JsonNode schema) {
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                fields.remove();
            } else {
                field.setValue(normalizeValue(field.getValue(), properties.path(field.getKey())));
            }
        }
    }

    /** Enum strings in any case become the schema's spelling; objects and arrays are walked (items too). */
    private static JsonNode normalizeValue(JsonNode value, JsonNode schema) {
        if (value.isString() && schema.has("enum")) {
            for (JsonNode allowed : schema.get("enum")) {
                if (allowed.isString() && allowed.asString().equalsIgnoreCase(value.asString())) {
                    return allowed;
                }
            }
        } else if (value.isObject()) {
            normalizeObject((ObjectNode) value, schema);
        } else if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            JsonNode items = schema.path("items");
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalizeValue(array.get(i), items));
            }
        }
        return value;
    }

    /** Binds validated arguments to the input record and runs the handler. */
    public Object invoke(ToolContext context, JsonNode arguments) {
        return call(tool, context, arguments);
    }

    private static <I> Object call(Tool<I> tool, ToolContext context, JsonNode arguments) {
        I input = Json.MAPPER.treeToValue(arguments, tool.inputType());
        return tool.call(context, input);
    }
}
