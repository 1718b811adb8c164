package io.aitip.nl.llm;

import java.util.Arrays;
import java.util.Locale;

/** The chat APIs the LLM mode speaks, each with native tool calling. */
public enum LlmProvider {
    NONE(null, null),
    OPENAI("https://api.openai.com/v1", "OPENAI_API_KEY"),
    ANTHROPIC("https://api.anthropic.com/v1", "ANTHROPIC_API_KEY"),
    OLLAMA("http://localhost:11434", null);

    private final String defaultBaseUrl;
    private final String defaultKeyEnv;

    LlmProvider(String defaultBaseUrl, String defaultKeyEnv) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultKeyEnv = defaultKeyEnv;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultKeyEnv() {
        return defaultKeyEnv;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LlmProvider parse(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("aitip.nl.llm.provider=" + value
                        + " is not known; use none, openai, anthropic or ollama (docs/how-to/natural-language.md)"));
    }
}
