package io.aitip.tools.samples;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** GPU types as the wire spells them (lower case); input is accepted in any case. */
public enum GpuType {
    T4, A100, H100;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
