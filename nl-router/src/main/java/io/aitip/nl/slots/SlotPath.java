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
        return schema.has("enum") || schema.path("items").has("enum") || !describedValues().isEmpty();
    }

    private static final java.util.regex.Pattern LISTED = java.util.regex.Pattern.compile(
            "([a-z][a-z0-9_-]*(?:, [a-z][a-z0-9_-]*){1,10},? or [a-z][a-z0-9_-]*)");

    /**
     * The values a free string lists in its description ("Scenario template: prompt_injection,
     * jailbreak, pii_leak, toxicity or adversarial"): read like an enum, validated by the tool itself.
     * At least three, and at least one written like an identifier (with _ or -), so prose is not read as values.
     */
    public List<String> describedValues() {
        if (!"string".equals(type()) || schema.has("enum")) {
            return List.of();
        }
        java.util.regex.Matcher m = LISTED.matcher(schema.path("description").asString(""));
        if (!m.find()) {
            return List.of();
        }
        List<String> values = List.of(m.group(1).split(",? or |, "));
        boolean identifierLike = values.stream().anyMatch(v -> v.contains("_") || v.contains("-"));
        return values.size() >= 3 && identifierLike ? values : List.of();
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
