package io.aitip.tools.schema;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.Param;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a tool's input record into a JSON Schema (draft 2020-12). Records become closed objects
 * ({@code additionalProperties: false}); {@link Param} supplies descriptions, bounds and required
 * fields. Only types that render to OpenAI strict mode are accepted, so a tool cannot declare a
 * free-form map by accident.
 */
public final class SchemaGenerator {


    private SchemaGenerator() {
    }

    public static ObjectNode inputSchema(Class<?> recordType) {
        return objectSchema(recordType);
    }

    public static String wireName(String componentName) {
        StringBuilder out = new StringBuilder(componentName.length() + 4);
        for (char c : componentName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static ObjectNode objectSchema(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " must be a record to generate a tool schema");
        }
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            Param param = component.getAnnotation(Param.class);
            if (param == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + component.getName()
                        + " needs a @Param description");
            }
            String name = wireName(component.getName());
            ObjectNode property = typeSchema(component.getGenericType(), type.getSimpleName() + "." + component.getName());
            property.put("description", param.value());
            applyBounds(property, param);
            properties.set(name, property);
            if (param.required()) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode typeSchema(Type type, String where) {
        ObjectNode node = Json.object();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                node.put("type", "array");
                node.set("items", typeSchema(parameterized.getActualTypeArguments()[0], where + "[]"));
                if (Set.class.isAssignableFrom(raw)) {
                    node.put("uniqueItems", true);
                }
                return node;
            }
            throw new IllegalArgumentException(where + ": unsupported generic type " + type
                    + " (use a record for structured values)");
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            node.put("type", "string");
        } else if (cls == Instant.class) {
            node.put("type", "string");
            node.put("format", "date-time");
        } else if (cls == Integer.class || cls == int.class || cls == Long.class || cls == long.class) {
            node.put("type", "integer");
        } else if (cls == Double.class || cls == double.class || cls == Float.class || cls == float.class) {
            node.put("type", "number");
        } else if (cls == Boolean.class || cls == boolean.class) {
            node.put("type", "boolean");
        } else if (cls.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(Json.MAPPER.valueToTree(constant).asString());
            }
        } else if (cls.isRecord()) {
            return objectSchema(cls);
        } else {
            throw new IllegalArgumentException(where + ": unsupported type " + cls.getName());
        }
        return node;
    }

    private static void applyBounds(ObjectNode property, Param param) {
        if (!Double.isNaN(param.min())) {
            putNumber(property, "minimum", param.min());
        }
        if (!Double.isNaN(param.max())) {
            putNumber(property, "maximum", param.max());
        }
        if (param.minLength() >= 0) {
            property.put("minLength", param.minLength());
        }
        if (param.maxLength() >= 0) {
            property.put("maxLength", param.maxLength());
        }
        if (!param.pattern().isEmpty()) {
            property.put("pattern", param.pattern());
        }
        if (param.maxItems() >= 0) {
            property.put("maxItems", param.maxItems());
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }
}
