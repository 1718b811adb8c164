package io.aitip.tools.model;

import java.util.Map;

/**
 * A natural-language sentence and the call it means. Examples document the tool, seed the NL
 * router, and are validated against the tool's schema by the rules test.
 *
 * @param language {@code en} or {@code zh}
 */
public record NlExample(String language, String text, Map<String, Object> arguments) {

    public NlExample {
        if (!language.equals("en") && !language.equals("zh")) {
            throw new IllegalArgumentException("example language must be en or zh: " + language);
        }
        arguments = Map.copyOf(arguments);
    }
}
