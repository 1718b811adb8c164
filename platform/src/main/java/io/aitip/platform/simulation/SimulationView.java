package io.aitip.platform.simulation;

import java.time.Instant;

/** A simulation as the tools return it: verdict, score and the counts behind it. */
public record SimulationView(
        String runId,
        String status,
        String statusMessage,
        String target,
        String scenario,
        int samples,
        double threshold,
        Double safetyScore,
        Boolean passed,
        Object safe,
        Object unsafe,
        Object errors,
        Object refused,
        Object byLanguage,
        Object byTechnique,
        Object byDetector,
        Object recommendation,
        Instant createdAt,
        Instant endedAt) {

    public static SimulationView of(SimulationRun run) {
        var s = run.summary();
        return new SimulationView(run.runId(), run.status(), run.statusMessage(), run.target(), run.scenario(),
                run.samples(), run.threshold(), run.safetyScore(), run.passed(), s.get("safe"), s.get("unsafe"),
                s.get("errors"), s.get("refused"), s.get("by_language"), s.get("by_technique"), s.get("by_detector"),
                s.get("recommendation"), run.createdAt(), run.endedAt());
    }
}
