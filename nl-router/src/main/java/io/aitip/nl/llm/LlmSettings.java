package io.aitip.nl.llm;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The natural-language door's optional LLM mode (prefix {@code aitip.nl.llm}, decision 0021). Off
 * by default: with {@code provider: none} the offline router answers every request.
 *
 * @param provider   {@code none}, {@code openai} (any OpenAI-compatible chat completions API), {@code anthropic} or {@code ollama}
 * @param baseUrl    the provider's API root; unset takes the provider's public default (Ollama: {@code http://localhost:11434})
 * @param model      the model name, e.g. {@code gpt-4o-mini}, {@code claude-sonnet-4-5}, {@code qwen2.5:7b}
 * @param apiKeyEnv  the name of the environment variable that holds the API key (the key itself is never a setting);
 *                   unset takes {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}; Ollama sends it as a bearer token when set
 * @param timeout    how long one model call may take before the offline router answers instead
 * @param maxTools   at most this many tools are offered, the offline router's best-ranked first ({@code 0}: every tool the caller may use)
 */
@ConfigurationProperties(prefix = "aitip.nl.llm")
public record LlmSettings(String provider, String baseUrl, String model, String apiKeyEnv, Duration timeout, Integer maxTools) {

    public LlmSettings {
        provider = provider == null || provider.isBlank() ? "none" : provider.strip().toLowerCase(Locale.ROOT);
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
        model = model == null || model.isBlank() ? null : model.strip();
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(15) : timeout;
        maxTools = maxTools == null ? 12 : Math.max(0, maxTools);
    }

    public static LlmSettings off() {
        return new LlmSettings(null, null, null, null, null, null);
    }

    public LlmProvider providerKind() {
        return LlmProvider.parse(provider);
    }
}
