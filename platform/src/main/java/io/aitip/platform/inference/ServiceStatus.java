package io.aitip.platform.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of an inference service: {@code deploying → ready → stopped | failed}, and
 * {@code deploying → failed | stopped}. Terminal states are final; {@link DeploymentLifecycle} is the
 * only writer.
 */
public enum ServiceStatus {
    DEPLOYING, READY, STOPPED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean live() {
        return this == DEPLOYING || this == READY;
    }

    public static ServiceStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
