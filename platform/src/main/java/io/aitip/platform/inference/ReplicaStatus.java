package io.aitip.platform.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One replica process: {@code starting → ready → stopped | failed}. A replica whose process dies is
 * restarted by the executor's supervisor ({@code ready → starting}) until its restarts run out.
 */
public enum ReplicaStatus {
    STARTING, READY, STOPPED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean live() {
        return this == STARTING || this == READY;
    }

    public static ReplicaStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
