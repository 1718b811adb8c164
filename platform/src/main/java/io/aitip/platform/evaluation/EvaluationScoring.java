package io.aitip.platform.evaluation;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns a probe's results into scored items and stores them with the run's outcome. The one place
 * an evaluation is scored: the tool call that followed its probe, and the cluster reconciler that
 * adopts a run nobody followed (ADR 0022), both end the run here.
 */
final class EvaluationScoring {

    private EvaluationScoring() {
    }

    /** Scores and stores; false when the run was not running any more (another replica ended it first). */
    static boolean complete(EvaluationStore store, String id, List<EvalItem> items, String metric,
                            List<JsonNode> results) {
        List<ItemResult> scored = score(items, results);
        return store.succeed(id, scored, EvaluationAggregates.score(scored), EvaluationAggregates.of(scored, metric));
    }

    static List<ItemResult> score(List<EvalItem> items, List<JsonNode> results) {
        if (results.size() != items.size()) {
            throw new IllegalArgumentException(results.size() + " probe results for " + items.size() + " items");
        }
        List<ItemResult> scored = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            EvalItem item = items.get(i);
            JsonNode r = results.get(i);
            scored.add(new ItemResult(i, item.id(), item.category(), item.prompt(), item.answer(), text(r, "answer"),
                    text(r, "extracted"), r.path("correct").asBoolean(false),
                    r.has("latency_ms") ? r.get("latency_ms").asInt() : null, text(r, "error")));
        }
        return scored;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
