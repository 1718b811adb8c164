package io.aitip.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands: waiting (pending), being sent (delivering), done (delivered), given up (dead). */
public enum DeliveryStatus {
    PENDING, DELIVERING, DELIVERED, DEAD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
