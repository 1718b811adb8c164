package io.aitip.platform.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What serves a deployment's replicas. {@code builtin} is AITIP's own OpenAI-compatible runtime for
 * a tiny deterministic model (JDK only, the local executor's default); the others start the
 * runtime's own command when it is installed.
 */
public enum InferenceRuntime {
    BUILTIN, VLLM, TRITON, TORCHSERVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InferenceRuntime parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
