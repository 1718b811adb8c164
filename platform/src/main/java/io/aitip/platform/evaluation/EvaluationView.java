package io.aitip.platform.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An evaluation as the tools return it: the run, its score and per-category aggregates. */
public record EvaluationView(
        String evalId,
        String status,
        String statusMessage,
        String modelId,
        String model,
        String modelVersion,
        String benchmark,
        String datasetId,
        String datasetVersion,
        String target,
        Map<String, Object> resources,
        String metric,
        Double score,
        int itemCount,
        Object correct,
        Object errors,
        Object byCategory,
        Object latencyMs,
        Instant createdAt,
        Instant endedAt) {

    public static EvaluationView of(EvaluationRun run) {
        Map<String, Object> a = run.aggregates();
        return new EvaluationView(run.evalId(), run.status(), run.statusMessage(), run.modelId(), run.modelName(),
                run.modelVersion(), run.benchmark(), run.datasetId(), run.datasetVersion(), run.target(),
                run.resources().isEmpty() ? null : run.resources(), run.metric(), run.score(), run.itemCount(),
                a.get("correct"), a.get("errors"), a.get("by_category"), a.get("latency_ms"), run.createdAt(), run.endedAt());
    }

    /** The chart-ready series of a succeeded run; empty otherwise. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> series(EvaluationRun run) {
        Object series = run.aggregates().get("series");
        return series instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
