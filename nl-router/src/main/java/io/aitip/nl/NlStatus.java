package io.aitip.nl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The statuses of the contract, plus {@code cancelled} (the user dropped the pending call) and
 * {@code failed} (the tool ran and reported an error the user can act on).
 */
public enum NlStatus {
    EXECUTED, NEEDS_CONFIRMATION, PENDING_APPROVAL, NEEDS_CLARIFICATION, OUT_OF_SCOPE, DENIED, READY, CANCELLED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
