package io.aitip.policy.quota;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a quota counts against: an org or a project per month, an API key per day. */
public enum QuotaScope {
    ORG, PROJECT, API_KEY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
