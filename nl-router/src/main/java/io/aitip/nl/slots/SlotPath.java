package io.aitip.nl.slots;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One parameter of a tool's schema, flattened: its path ({@code resources.gpu_count}), its leaf
 * name, its schema and whether the tool requires it (a nested one counts as required when its
 * parents are).
 */
public record SlotPath(List<String> path, JsonNode schema, boolean required) {

    public String leaf() {
        return path.get(path.size() - 1);
    }

    public String dotted() {
        return String.join(".", path);
    }

    public String type() {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        return type.asString("string");
    }

    public boolean isEnum() {
        return schema.has("enum") || schema.path("items").has("enum");
    }

    /** Every leaf of an input schema, depth first, in schema order. */
    public static List<SlotPath> flatten(JsonNode schema) {
        List<SlotPath> out = new ArrayList<>();
        walk(schema, new ArrayList<>(), true, out);
        return out;
    }

    private static void walk(JsonNode schema, List<String> prefix, boolean parentRequired, List<SlotPath> out) {
        JsonNode required = schema.path("required");
        for (var field : schema.path("properties").properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            boolean isRequired = parentRequired && contains(required, field.getKey());
            JsonNode child = field.getValue();
            SlotPath slot = new SlotPath(List.copyOf(path), child, isRequired);
            if ("object".equals(slot.type()) && child.has("properties")) {
                walk(child, path, isRequired, out);
            } else {
                out.add(slot);
            }
        }
    }

    private static boolean contains(JsonNode array, String name) {
        for (JsonNode item : array) {
            if (name.equals(item.asString())) {
                return true;
            }
        }
        return false;
    }
}
