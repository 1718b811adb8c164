package io.aitip.platform.testplans;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A named set of API checks against a base URL. */
public record TestPlan(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String description,
        Type type,
        String baseUrl,
        List<TestCase> cases,
        Instant createdAt) {

    /** What the plan is for; it does not change how cases run. */
    public enum Type {
        API, SMOKE, REGRESSION, INTEGRATION, E2E;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
