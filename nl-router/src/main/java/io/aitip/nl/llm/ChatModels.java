package io.aitip.nl.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds the langchain4j chat model of the configured provider. No retries (a failed call falls back
 * to the offline router at once), no request or response logging (they hold the user's text), and
 * one tool call per answer.
 */
final class ChatModels {

    private ChatModels() {
    }

    /** @param env reads an environment variable (System::getenv in production) */
    static ChatModel build(LlmSettings settings, UnaryOperator<String> env) {
        LlmProvider provider = settings.providerKind();
        if (settings.model() == null) {
            throw new IllegalStateException("aitip.nl.llm.provider=" + provider.wire() + " needs aitip.nl.llm.model (AITIP_NL_LLM_MODEL)");
        }
        String baseUrl = settings.baseUrl() == null ? provider.defaultBaseUrl() : settings.baseUrl();
        String keyEnv = settings.apiKeyEnv() == null ? provider.defaultKeyEnv() : settings.apiKeyEnv();
        String key = keyEnv == null ? null : env.apply(keyEnv);
        key = key == null || key.isBlank() ? null : key.strip();
        if (key == null && (provider == LlmProvider.ANTHROPIC || provider == LlmProvider.OPENAI && settings.baseUrl() == null)) {
            throw new IllegalStateException("aitip.nl.llm.provider=" + provider.wire() + " needs an API key in the environment variable "
                    + keyEnv + " (aitip.nl.llm.api-key-env names another one)");
        }
        return switch (provider) {
            case OPENAI -> OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key == null ? "unused" : key).modelName(settings.model())
                    .timeout(settings.timeout()).maxRetries(0).parallelToolCalls(false).logRequests(false).logResponses(false).build();
            case ANTHROPIC -> AnthropicChatModel.builder().baseUrl(baseUrl).apiKey(key).modelName(settings.model())
                    .timeout(settings.timeout()).maxRetries(0).maxTokens(1024).disableParallelToolUse(true)
                    .logRequests(false).logResponses(false).build();
            case OLLAMA -> OllamaChatModel.builder().baseUrl(baseUrl).modelName(settings.model()).timeout(settings.timeout())
                    .customHeaders(key == null ? Map.of() : Map.of("Authorization", "Bearer " + key))
                    .logRequests(false).logResponses(false).maxRetries(0).build();
            case NONE -> throw new IllegalStateException("LLM mode is off");
        };
    }
}
