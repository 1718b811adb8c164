package io.aitip.platform.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which version a replica serves: the service's stable version or its canary. */
public enum Track {
    STABLE, CANARY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Track parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
