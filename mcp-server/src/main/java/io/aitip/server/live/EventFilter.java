package io.aitip.server.live;

import io.aitip.platform.events.LiveEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which live events a stream carries: always only the caller's org (tenancy is not a choice of the
 * client), then optional type patterns ({@code job.*}, {@code execution.status}, {@code *}) and an
 * optional subject (a job or execution id).
 */
record EventFilter(String orgId, List<String> types, String subject) implements Predicate<LiveEvent> {

    static EventFilter of(String orgId, String types, String subject) {
        List<String> patterns = types == null || types.isBlank() ? List.of("*")
                : List.of(types.split("\\s*,\\s*"));
        return new EventFilter(orgId, patterns, subject == null || subject.isBlank() ? null : subject.trim());
    }

    @Override
    public boolean test(LiveEvent event) {
        if (orgId == null || !orgId.equals(event.orgId())) {
            return false;
        }
        if (subject != null && !subject.equals(event.subject())) {
            return false;
        }
        return types.stream().anyMatch(p -> matches(p, event.type()));
    }

    static boolean matches(String pattern, String type) {
        return pattern.equals("*") || pattern.equals(type)
                || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    /** The event as the streams send it: {@code {"id","type","subject","at","data"}}. */
    static java.util.Map<String, Object> body(LiveEvent e) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", e.id());
        body.put("type", e.type());
        body.put("subject", e.subject());
        body.put("at", e.at().toString());
        body.put("data", e.data());
        return body;
    }
}
