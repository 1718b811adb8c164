package io.aitip.platform.training;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The GPU types the platform schedules (DESIGN.md); case-insensitive on input. */
public enum GpuType {
    T4, L4, A10G, A100, H100, H200, RTX4090;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GpuType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (GpuType type : values()) {
            if (type.wire().equalsIgnoreCase(text.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
