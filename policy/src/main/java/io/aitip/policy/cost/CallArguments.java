package io.aitip.policy.cost;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The arguments of a call that policy and cost look at, gathered from the top level and from
 * {@code resources{…}}: numbers as longs, names as strings, {@code stages} as a set of stage names.
 * Free text is never among them, so what a prompt or an argument says cannot change a decision.
 */
public final class CallArguments {

    private static final Set<String> NUMBERS = Set.of("gpu_count", "nodes", "replicas", "max_runtime_minutes",
            "traffic_percent");
    private static final Set<String> NAMES = Set.of("gpu_type", "stage", "dataset", "version", "org");

    private CallArguments() {
    }

    /** Known fields only; a value of the wrong JSON type is left out (the schema refused it already). */
    public static Map<String, Object> extract(JsonNode arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (arguments == null || !arguments.isObject()) {
            return out;
        }
        collect(arguments.path("resources"), out);
        collect(arguments, out);
        JsonNode stages = arguments.path("stages");
        if (stages.isArray()) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode stage : stages) {
                JsonNode name = stage.isObject() ? (stage.has("name") ? stage.get("name") : stage.path("stage")) : stage;
                if (name.isString()) {
                    names.add(name.asString().toLowerCase(java.util.Locale.ROOT));
                }
            }
            out.put("stages", Set.copyOf(names));
        }
        return out;
    }

    private static void collect(JsonNode node, Map<String, Object> out) {
        if (!node.isObject()) {
            return;
        }
        for (String field : NUMBERS) {
            JsonNode value = node.get(field);
            if (value != null && value.isIntegralNumber()) {
                out.put(field, value.asLong());
            }
        }
        for (String field : NAMES) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                out.put(field, field.equals("stage") || field.equals("gpu_type")
                        ? value.asString().toLowerCase(java.util.Locale.ROOT) : value.asString());
            }
        }
    }

    public static long number(Map<String, Object> arguments, String field, long fallback) {
        Object value = arguments.get(field);
        return value instanceof Long number ? number : fallback;
    }
}
