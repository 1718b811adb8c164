package io.aitip.platform.tuning;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;

/**
 * One trial of a search: its hyperparameter values and, once submitted, its training job. The
 * objective is the score of a finished (or early-stopped) trial.
 */
public record Trial(
        String tuneId,
        int number,
        Map<String, Double> params,
        String jobId,
        Status status,
        Double objective,
        Long objectiveStep,
        String message) {

    public enum Status {
        PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, STOPPED_EARLY;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean done() {
            return this != PENDING && this != RUNNING;
        }

        public static Status parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
