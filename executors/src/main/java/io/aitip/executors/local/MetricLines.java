package io.aitip.executors.local;

import io.aitip.platform.training.MetricPoint;
import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Parses structured metric lines that a job prints: {@code AITIP_METRIC {"step":10,"loss":0.4}}.
 * Every numeric field except {@code step} becomes a point of the series of that name at that step;
 * without {@code step} the previous line's step plus one is used. Anything else is a plain log line.
 */
public final class MetricLines {

    public static final String PREFIX = "AITIP_METRIC ";
    private static final int MAX_FIELDS = 32;

    private long lastStep;

    public MetricLines(long lastStep) {
        this.lastStep = lastStep;
    }

    public List<MetricPoint> parse(String line) {
        int at = line.indexOf(PREFIX);
        if (at < 0) {
            return List.of();
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(line.substring(at + PREFIX.length()).trim());
        } catch (RuntimeException e) {
            return List.of();
        }
        if (json == null || !json.isObject()) {
            return List.of();
        }
        long step = json.path("step").isNumber() ? json.path("step").asLong() : lastStep + 1;
        lastStep = step;
        List<MetricPoint> points = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (points.size() >= MAX_FIELDS) {
                break;
            }
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!name.equals("step") && value.isNumber() && Double.isFinite(value.asDouble()) && name.length() <= 100) {
                points.add(new MetricPoint(name, step, value.asDouble()));
            }
        }
        return points;
    }
}
