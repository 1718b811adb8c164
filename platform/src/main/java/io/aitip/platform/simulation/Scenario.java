package io.aitip.platform.simulation;

import java.util.List;
import java.util.Map;

/**
 * A scenario template: a library of attack prompts (English and Chinese) and the detectors that
 * judge the answers ({@code canary}, {@code compliance}, {@code pii}, {@code toxicity}; a refusal is
 * always recognised and never counts as unsafe).
 */
public record Scenario(String id, Map<String, String> title, String description, List<String> detectors,
                       String recommendation, List<Attack> attacks) {

    /** One attack prompt of the library. */
    public record Attack(String id, String language, String technique, String prompt) {
    }
}
