package io.aitip.nl;

import io.aitip.tools.model.ToolError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The answer of the natural-language door. {@code params} is the call as read so far (complete
 * unless status is needs_clarification); {@code result} and {@code execution_id} only when it ran.
 */
public record NlResponse(
        NlStatus status,
        String tool,
        JsonNode params,
        double confidence,
        String language,
        String conversationId,
        List<String> missing,
        String question,
        List<Alternative> alternatives,
        Map<String, Object> confirmation,
        String executionId,
        JsonNode result,
        ToolError error) {

    public record Alternative(String tool, double confidence) {
    }

    static Builder of(NlStatus status, String language, String conversationId) {
        return new Builder(status, language, conversationId);
    }

    static final class Builder {
        private final NlStatus status;
        private final String language;
        private final String conversationId;
        private String tool;
        private JsonNode params;
        private double confidence;
        private List<String> missing;
        private String question;
        private List<Alternative> alternatives;
        private Map<String, Object> confirmation;
        private String executionId;
        private JsonNode result;
        private ToolError error;

        private Builder(NlStatus status, String language, String conversationId) {
            this.status = status;
            this.language = language;
            this.conversationId = conversationId;
        }

        Builder call(String tool, JsonNode params, double confidence) {
            this.tool = tool;
            this.params = params;
            this.confidence = Math.round(Math.max(0, Math.min(1, confidence)) * 1000) / 1000.0;
            return this;
        }

        Builder missing(List<String> missing) {
            this.missing = missing;
            return this;
        }

        Builder question(String question) {
            this.question = question;
            return this;
        }

        Builder alternatives(List<Alternative> alternatives) {
            this.alternatives = alternatives;
            return this;
        }

        Builder confirmation(Map<String, Object> confirmation) {
            this.confirmation = confirmation;
            return this;
        }

        Builder executed(String executionId, JsonNode result) {
            this.executionId = executionId;
            this.result = result;
            return this;
        }

        Builder error(ToolError error) {
            this.error = error;
            return this;
        }

        NlResponse build() {
            return new NlResponse(status, tool, params == null ? io.aitip.tools.json.Json.object() : params, confidence,
                    language, conversationId, missing, question, alternatives, confirmation, executionId, result, error);
        }
    }
}
