package io.aitip.tools.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of an execution, as the execute result and the executions route report it. */
public enum ExecutionStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, NEEDS_CONFIRMATION, PENDING_APPROVAL, DENIED, READY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean terminal() {
        return this != QUEUED && this != RUNNING;
    }
}
