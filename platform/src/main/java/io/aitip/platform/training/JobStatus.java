package io.aitip.platform.training;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a training job: {@code pending → queued → running → succeeded | failed | cancelled}.
 * Terminal states are final; {@link JobStateMachine} refuses every other move.
 */
public enum JobStatus {
    PENDING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public static JobStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
