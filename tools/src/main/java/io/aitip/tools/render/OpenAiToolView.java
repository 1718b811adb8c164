package io.aitip.tools.render;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a tool as an OpenAI function tool in strict mode. Strict mode wants every property
 * required and every object closed, so optional properties become nullable (callers send
 * {@code null}, which {@link RegisteredTool#normalize} drops again) and keywords strict mode rejects
 * are removed. {@link StrictModeChecker} verifies the result.
 */
public final class OpenAiToolView {

    /** OpenAI caps function descriptions. */
    public static final int MAX_DESCRIPTION = 1024;

    /** Keywords kept on a schema; everything else is dropped. */
    static final Set<String> KEPT = Set.of("type", "description", "enum", "const", "properties", "required",
            "additionalProperties", "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf", "pattern", "format", "minItems", "maxItems", "anyOf");

    /** The string formats strict mode supports. */
    static final Set<String> FORMATS = Set.of("date-time", "time", "date", "duration", "email", "hostname",
            "ipv4", "ipv6", "uuid");

    private OpenAiToolView() {
    }

    public static ObjectNode render(RegisteredTool tool) {
        ToolSpec spec = tool.spec();
        ObjectNode function = Json.object();
        function.put("name", spec.name());
        function.put("description", truncate(spec.description()));
        function.put("strict", true);
        function.set("parameters", strict(tool.inputSchema()));
        ObjectNode view = Json.object();
        view.put("type", "function");
        view.set("function", function);
        return view;
    }

    /** The strict form of an input schema (a closed object at the root). */
    public static ObjectNode strict(JsonNode schema) {
        return convert(schema, false);
    }

    private static ObjectNode convert(JsonNode schema, boolean nullable) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (!KEPT.contains(key)
                    || key.equals("format") && !FORMATS.contains(value.asString())
                    || key.equals("required") || key.equals("additionalProperties")) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    Set<String> required = new HashSet<>();
                    schema.path("required").forEach(name -> required.add(name.asString()));
                    ObjectNode properties = out.putObject("properties");
                    ArrayNode all = Json.MAPPER.createArrayNode();
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        properties.set(property.getKey(),
                                convert(property.getValue(), !required.contains(property.getKey())));
                        all.add(property.getKey());
                    }
                    out.set("required", all);
                }
                case "items" -> out.set("items", convert(value, false));
                case "anyOf" -> {
                    ArrayNode options = out.putArray("anyOf");
                    value.forEach(option -> options.add(convert(option, false)));
                }
                default -> out.set(key, value.deepCopy());
            }
        }
        if (isObject(schema)) {
            if (!out.has("properties")) {
                out.putObject("properties");
                out.putArray("required");
            }
            out.put("additionalProperties", false);
        }
        if (nullable) {
            makeNullable(out);
        }
        return out;
    }

    private static boolean isObject(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return type.asString().equals("object");
        }
        for (JsonNode t : type) {
            if (t.asString().equals("object")) {
                return true;
            }
        }
        return false;
    }

    private static void makeNullable(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            // no type constraint (or anyOf): null is allowed already unless anyOf excludes it
            if (schema.has("anyOf")) {
                ((ArrayNode) schema.get("anyOf")).addObject().put("type", "null");
            }
            return;
        }
        ArrayNode types = Json.MAPPER.createArrayNode();
        if (type.isArray()) {
            type.forEach(types::add);
        } else {
            types.add(type);
        }
        if (!contains(types, "null")) {
            types.add("null");
        }
        schema.set("type", types);
        if (schema.get("enum") instanceof ArrayNode values && !containsNull(values)) {
            values.addNull();
        }
    }

    private static boolean contains(ArrayNode array, String text) {
        for (JsonNode item : array) {
            if (item.isString() && item.asString().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNull(ArrayNode array) {
        for (JsonNode item : array) {
            if (item.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String description) {
        if (description == null || description.length() <= MAX_DESCRIPTION) {
            return description;
        }
        return description.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    /** The catalog's tools in OpenAI form, for {@code GET /api/v1/agent/tools?format=openai}. */
    public static ArrayNode renderAll(List<RegisteredTool> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        tools.forEach(tool -> out.add(render(tool)));
        return out;
    }
}
