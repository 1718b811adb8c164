package io.aitip.nl.llm;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.render.OpenAiToolView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A catalog tool as a langchain4j tool specification: the same name, description and input JSON
 * Schema the other doors publish. Bounds and patterns the langchain4j schema model has no field for
 * are written into the description; the catalog schema validates the call afterwards anyway.
 */
final class ToolSchemas {

    private ToolSchemas() {
    }

    static ToolSpecification of(RegisteredTool tool) {
        String description = tool.spec().description();
        if (description.length() > OpenAiToolView.MAX_DESCRIPTION) {
            description = description.substring(0, OpenAiToolView.MAX_DESCRIPTION - 1) + "…";
        }
        return ToolSpecification.builder().name(tool.name()).description(description)
                .parameters(object(tool.inputSchema())).build();
    }

    static JsonObjectSchema object(JsonNode schema) {
        JsonObjectSchema.Builder object = JsonObjectSchema.builder().description(describe(schema));
        for (var property : schema.path("properties").properties()) {
            object.addProperty(property.getKey(), element(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        if (!required.isEmpty()) {
            object.required(required);
        }
        if (schema.path("additionalProperties").isBoolean()) {
            object.additionalProperties(schema.path("additionalProperties").asBoolean());
        }
        return object.build();
    }

    private static JsonSchemaElement element(JsonNode schema) {
        String description = describe(schema);
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asString()));
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        return switch (type(schema)) {
            case "object" -> object(schema);
            case "array" -> JsonArraySchema.builder().items(element(schema.path("items"))).description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    private static String type(JsonNode schema) {
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

    /** The description with the bounds a model should respect, e.g. "GPUs per node. (0..64)". */
    private static String describe(JsonNode schema) {
        String description = schema.path("description").asString("");
        List<String> bounds = new ArrayList<>();
        if (schema.has("minimum") || schema.has("maximum")) {
            bounds.add(schema.path("minimum").asString("") + ".." + schema.path("maximum").asString(""));
        }
        if (schema.has("pattern")) {
            bounds.add("pattern " + schema.path("pattern").asString());
        }
        String text = bounds.isEmpty() ? description : (description + " (" + String.join("; ", bounds) + ")").strip();
        return text.isEmpty() ? null : text;
    }
}
