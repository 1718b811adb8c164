package io.aitip.platform.webhooks;

import tools.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The event types (DESIGN.md "Webhooks": past-tense facts) and the stable payload shape
 * {@code {"type", "timestamp", "data": {…}}}. An endpoint subscribes with patterns: an exact type,
 * {@code <area>.*}, or {@code *}.
 */
public final class WebhookEvents {

    public static final List<String> TYPES = List.of("job.succeeded", "job.failed", "job.cancelled",
            "approval.requested", "approval.decided", "deployment.ready", "simulation.completed",
            "release.promoted", "release.rolled_back");

    /**
     * Sent only to the {@code callback_url} of the call they answer (not to endpoints): an execution
     * of {@code POST /api/v1/agent/execute} ended.
     */
    public static final List<String> CALLBACK_TYPES = List.of("execution.succeeded", "execution.failed",
            "execution.cancelled");

    private static final Pattern PATTERN = Pattern.compile("\\*|[a-z_]+\\.(\\*|[a-z_]+)");

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private WebhookEvents() {
    }

    /** Whether a subscription pattern is well formed and matches at least one event type. */
    public static boolean validPattern(String pattern) {
        return pattern != null && PATTERN.matcher(pattern).matches() && TYPES.stream().anyMatch(t -> matches(pattern, t));
    }

    public static boolean matches(String pattern, String type) {
        if (pattern.equals("*") || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    /** The payload of a training job's terminal event. */
    public static Map<String, Object> jobPayload(String type, Instant at, String jobId, String name, String status,
                                                 String statusMessage, String orgId, String projectId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("name", name);
        data.put("status", status);
        data.put("status_message", statusMessage);
        data.put("org_id", orgId);
        data.put("project_id", projectId);
        return envelope(type, at, data);
    }

    /** The payload of an execution's terminal event; {@code result} and {@code error} are JSON values or null. */
    public static Map<String, Object> executionPayload(String type, Instant at, String executionId, String tool,
                                                       String status, Object result, Object error, String orgId,
                                                       String projectId, Map<String, Object> monitoring) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execution_id", executionId);
        data.put("tool", tool);
        data.put("status", status);
        data.put("result", result);
        data.put("error", error);
        data.put("org_id", orgId);
        data.put("project_id", projectId);
        data.put("monitoring", monitoring);
        return envelope(type, at, data);
    }

    /** The payload of {@code simulation.completed}: a safety simulation ended (status succeeded or failed). */
    public static Map<String, Object> simulationPayload(Instant at, String runId, String scenario, String target,
                                                        String status, Double safetyScore, Boolean passed,
                                                        double threshold, int samples, int unsafe, String orgId,
                                                        String projectId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", runId);
        data.put("scenario", scenario);
        data.put("target", target);
        data.put("status", status);
        data.put("safety_score", safetyScore);
        data.put("passed", passed);
        data.put("threshold", threshold);
        data.put("samples", samples);
        data.put("unsafe", unsafe);
        data.put("org_id", orgId);
        data.put("project_id", projectId);
        return envelope("simulation.completed", at, data);
    }

    /**
     * The stable envelope {@code {"type", "timestamp", "data"}} around an event's fields (in their
     * order): for event types without a builder of their own. Add a
     * golden file under platform/src/test/resources/webhooks for each new type.
     */
    public static Map<String, Object> envelope(String type, Instant at, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", timestamp(at));
        payload.put("data", data);
        return payload;
    }

    /** ISO-8601 in UTC with millisecond precision, e.g. {@code 2026-11-22T06:00:00.000Z}. */
    public static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(T\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    /** The payload as JSON text with keys in the order above, nulls kept. */
    public static String json(Map<String, Object> payload) {
        return PLAIN.writeValueAsString(payload);
    }
}
