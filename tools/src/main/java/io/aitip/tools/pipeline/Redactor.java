package io.aitip.tools.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Removes secrets from arguments before they reach the audit log or any log line. */
public final class Redactor {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|api_?key|authorization|credential).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("^(whsec_|aitip_|sk-|Bearer ).*");
    public static final String MASK = "[REDACTED]";

    private Redactor() {
    }

    public static JsonNode redact(JsonNode arguments) {
        if (arguments == null) {
            return null;
        }
        JsonNode copy = arguments.deepCopy();
        walk(copy);
        return copy;
    }

    /** JSON carried inside a string (e.g. {@code params_json}) is redacted too; unparsable text stays. */
    private static String redactEmbedded(String text) {
        try {
            JsonNode embedded = io.aitip.tools.json.Json.MAPPER.readTree(text);
            walk(embedded);
            return io.aitip.tools.json.Json.write(embedded);
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode value = entry.getValue();
                if (SECRET_KEY.matcher(entry.getKey().toLowerCase(Locale.ROOT)).matches()
                        || value.isString() && SECRET_VALUE.matcher(value.asString()).matches()) {
                    entry.setValue(object.stringNode(MASK));
                } else if (value.isString() && value.asString().startsWith("{")) {
                    entry.setValue(object.stringNode(redactEmbedded(value.asString())));
                } else {
                    walk(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Redactor::walk);
        }
    }
}
