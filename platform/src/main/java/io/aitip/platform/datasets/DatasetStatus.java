package io.aitip.platform.datasets;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of a dataset; archived ones stay readable for lineage. */
public enum DatasetStatus {
    ACTIVE, ARCHIVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
