package io.aitip.policy.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an approval stands: waiting (pending), or final (approved, rejected, expired). */
public enum ApprovalStatus {
    PENDING, APPROVED, REJECTED, EXPIRED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
