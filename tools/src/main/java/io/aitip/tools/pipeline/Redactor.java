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

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode value = entry.getValue();
                if (SECRET_KEY.matcher(entry.getKey().toLowerCase(Locale.ROOT)).matches()
                        || value.isString() && SECRET_VALUE.matcher(value.asString()).matches()) {
                    entry.setValue(object.stringNode(MASK));
                } else {
                    walk(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Redactor::walk);
        }
    }
}
