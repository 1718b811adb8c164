package io.aitip.nl.slots;

import io.aitip.tools.json.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Durations ("30 minutes", "2 hours", "两分钟", "半小时") converted to the unit a parameter's name says. */
final class Durations {

    private static final Pattern AMOUNT = Pattern.compile("(?i)(?<![\\w.])(" + Numerals.ANY
            + ")\\s*(minutes?|mins?|分钟|hours?|hrs?|h(?![a-z])|个?小时|seconds?|secs?|s(?![a-z])|秒钟?|days?|天)");
    private static final Pattern HALF_HOUR = Pattern.compile("(?i)half\\s+an\\s+hour|半个?小时");

    private Durations() {
    }

    /** Seconds per unit of the parameter ({@code max_runtime_minutes} → 60), or null when it is not a duration. */
    static Integer unit(String leaf) {
        if (leaf.endsWith("_minutes")) {
            return 60;
        }
        if (leaf.endsWith("_seconds")) {
            return 1;
        }
        if (leaf.endsWith("_hours")) {
            return 3600;
        }
        return null;
    }

    static JsonNode read(Sentence sentence, String leaf) {
        int unit = unit(leaf);
        Optional<Matcher> found = sentence.find(AMOUNT, 0);
        double seconds;
        if (found.isPresent()) {
            Double amount = Numerals.parse(found.get().group(1));
            if (amount == null) {
                return null;
            }
            seconds = amount * perUnit(found.get().group(2).toLowerCase(Locale.ROOT));
        } else {
            Optional<Matcher> half = sentence.find(HALF_HOUR, 0);
            if (half.isEmpty()) {
                return null;
            }
            seconds = 1800;
        }
        double value = seconds / unit;
        return value == Math.rint(value) ? Json.tree((long) value) : Json.tree((long) Math.ceil(value));
    }

    private static int perUnit(String word) {
        if (word.startsWith("min") || word.equals("分钟")) {
            return 60;
        }
        if (word.startsWith("h") || word.contains("小时")) {
            return 3600;
        }
        if (word.startsWith("d") || word.equals("天")) {
            return 86_400;
        }
        return 1;
    }
}
