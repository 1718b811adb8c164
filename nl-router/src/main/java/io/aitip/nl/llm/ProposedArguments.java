package io.aitip.nl.llm;

import io.aitip.nl.slots.EntityPhrase;
import io.aitip.nl.slots.SlotPath;
import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The model's arguments, made into what the offline reader would hand the planner: only parameters
 * the tool's schema declares (so a model cannot add {@code dry_run}, {@code confirm} or anything else
 * the request alone decides), no nulls, and descriptions of datasets and services ("the customer
 * service dataset") taken out as phrases the planner resolves to ids, as it does offline.
 */
final class ProposedArguments {

    /** Parameters that name an object the entity index knows, by kind. */
    private static final Map<String, String> KINDS = Map.of("dataset", "dataset", "service", "service", "target", "service");
    private static final Pattern DESCRIPTION = Pattern.compile(".*(\\s|\\p{IsHan}).*");

    record Read(ObjectNode arguments, List<EntityPhrase> phrases) {
    }

    private ProposedArguments() {
    }

    /** @throws IllegalArgumentException when the arguments are not a JSON object */
    static Read read(String json, JsonNode schema) {
        JsonNode parsed;
        try {
            parsed = json == null || json.isBlank() ? Json.object() : Json.MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("arguments are not JSON");
        }
        if (!(parsed instanceof ObjectNode arguments)) {
            throw new IllegalArgumentException("arguments are not a JSON object");
        }
        prune(arguments, schema);
        List<EntityPhrase> phrases = new ArrayList<>();
        for (SlotPath slot : SlotPath.flatten(schema)) {
            String kind = KINDS.get(slot.leaf());
            if (kind == null || slot.path().size() != 1 || !"string".equals(slot.type()) || slot.schema().has("pattern")) {
                continue;
            }
            JsonNode value = arguments.get(slot.leaf());
            if (value != null && value.isString() && !value.asString().contains("://")
                    && DESCRIPTION.matcher(value.asString().strip()).matches()) {
                phrases.add(new EntityPhrase(slot, kind, value.asString().strip()));
                arguments.remove(slot.leaf());
            }
        }
        return new Read(arguments, phrases);
    }

    private static void prune(ObjectNode arguments, JsonNode schema) {
        JsonNode properties = schema.path("properties");
        for (String name : List.copyOf(arguments.propertyNames())) {
            JsonNode value = arguments.get(name);
            JsonNode declared = properties.get(name);
            if (declared == null || value == null || value.isNull()) {
                arguments.remove(name);
            } else if (value instanceof ObjectNode nested && declared.has("properties")) {
                prune(nested, declared);
            }
        }
    }
}
