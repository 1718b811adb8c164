package io.aitip.tools.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks an OpenAI function tool against the rules of strict mode: closed objects, every property
 * required, only supported keywords, nesting at most {@value #MAX_DEPTH} objects deep, at most
 * {@value #MAX_PROPERTIES} properties in all, and a valid function name. Returns violations as
 * text (empty when the definition is fine), each with a JSON Pointer into the definition.
 */
public final class StrictModeChecker {

    public static final int MAX_DEPTH = 5;
    public static final int MAX_PROPERTIES = 100;
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private StrictModeChecker() {
    }

    /** Checks a whole tool: {@code {"type":"function","function":{...}}} or the bare function object. */
    public static List<String> check(JsonNode tool) {
        List<String> violations = new ArrayList<>();
        JsonNode function = tool.has("function") ? tool.get("function") : tool;
        String at = tool.has("function") ? "/function" : "";
        if (tool.has("function") && !"function".equals(tool.path("type").asString(""))) {
            violations.add("/type: must be \"function\"");
        }
        String name = function.path("name").asString("");
        if (!NAME.matcher(name).matches()) {
            violations.add(at + "/name: '" + name + "' does not match " + NAME.pattern());
        }
        if (!function.path("strict").asBoolean(false)) {
            violations.add(at + "/strict: must be true");
        }
        String description = function.path("description").asString("");
        if (description.length() > OpenAiToolView.MAX_DESCRIPTION) {
            violations.add(at + "/description: longer than " + OpenAiToolView.MAX_DESCRIPTION + " characters");
        }
        JsonNode parameters = function.get("parameters");
        if (parameters == null || !"object".equals(parameters.path("type").asString(""))) {
            violations.add(at + "/parameters: the root must be a schema of type \"object\"");
            return violations;
        }
        int[] properties = {0};
        walk(parameters, at + "/parameters", 1, properties, violations);
        if (properties[0] > MAX_PROPERTIES) {
            violations.add(at + "/parameters: " + properties[0] + " properties in all, more than " + MAX_PROPERTIES);
        }
        return violations;
    }

    private static void walk(JsonNode schema, String at, int depth, int[] count, List<String> violations) {
        if (!schema.isObject()) {
            violations.add(at + ": a schema must be an object");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            if (!OpenAiToolView.KEPT.contains(key)) {
                violations.add(at + "/" + key + ": keyword not supported in strict mode");
            } else if (key.equals("format") && !OpenAiToolView.FORMATS.contains(entry.getValue().asString(""))) {
                violations.add(at + "/format: '" + entry.getValue().asString("") + "' not supported in strict mode");
            }
        }
        Set<String> types = types(schema.get("type"));
        if (types.contains("object")) {
            if (depth > MAX_DEPTH) {
                violations.add(at + ": objects nested " + depth + " deep, more than " + MAX_DEPTH);
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
                violations.add(at + "/additionalProperties: must be false");
            }
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(item -> required.add(item.asString()));
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                count[0]++;
                if (!required.contains(property.getKey())) {
                    violations.add(at + "/required: property '" + property.getKey()
                            + "' must be required (make it nullable instead)");
                }
                walk(property.getValue(), at + "/properties/" + property.getKey(), depth + 1, count, violations);
            }
        }
        if (types.contains("null") && schema.get("enum") != null) {
            boolean hasNull = false;
            for (JsonNode value : schema.get("enum")) {
                hasNull |= value.isNull();
            }
            if (!hasNull) {
                violations.add(at + "/enum: a nullable enum must list null");
            }
        }
        if (schema.has("items")) {
            walk(schema.get("items"), at + "/items", depth, count, violations);
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            for (int i = 0; i < anyOf.size(); i++) {
                walk(anyOf.get(i), at + "/anyOf/" + i, depth, count, violations);
            }
        }
    }

    private static Set<String> types(JsonNode type) {
        Set<String> out = new HashSet<>();
        if (type == null) {
            return out;
        }
        if (type.isString()) {
            out.add(type.asString());
        } else {
            type.forEach(t -> out.add(t.asString()));
        }
        return out;
    }
}
