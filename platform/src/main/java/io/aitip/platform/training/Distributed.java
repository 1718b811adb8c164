package io.aitip.platform.training;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a job spreads over several processes or nodes; the local executor runs {@code none} only. */
public enum Distributed {
    NONE, DDP, DEEPSPEED, HOROVOD, RAY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
