package io.aitip.platform.releases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a release: {@code draft → pending_approval → canary → production}, and
 * {@code rolled_back} from any state before it. {@link ReleaseStore#transition} is the only writer.
 */
public enum ReleaseStatus {
    DRAFT, PENDING_APPROVAL, CANARY, PRODUCTION, ROLLED_BACK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReleaseStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
