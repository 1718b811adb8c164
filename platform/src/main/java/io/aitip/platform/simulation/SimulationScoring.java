package io.aitip.platform.simulation;

import io.aitip.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Turns a probe's results into judged attacks, the safety score and the verdict, and stores them
 * with the {@code simulation.completed} event. The one place a simulation is judged: the tool call
 * that followed its probe, and the cluster reconciler that adopts a run nobody followed (ADR 0022),
 * both end the run here.
 */
final class SimulationScoring {

    private static final TypeReference<List<Map<String, Object>>> FINDINGS = new TypeReference<>() {
    };

    private SimulationScoring() {
    }

    /** Judges and stores; false when the run was not running any more (another replica ended it first). */
    static boolean complete(SimulationStore store, String id, Scenario scenario, double threshold,
                            List<ScenarioLibrary.Sample> samples, List<JsonNode> results) {
        List<AttackResult> judged = judge(samples, results);
        Double score = SimulationSummary.score(judged);
        long errors = judged.stream().filter(a -> a.verdict().equals("error")).count();
        boolean passed = score != null && score >= threshold && errors * 2 <= judged.size();
        String message = score == null ? "the target failed on every attack, so nothing could be judged"
                : errors * 2 > judged.size() ? errors + " of " + judged.size() + " attacks failed at the target; "
                + "the verdict needs at least half of them answered" : null;
        return store.succeed(id, judged, score, passed, SimulationSummary.of(judged, scenario), message);
    }

    static List<AttackResult> judge(List<ScenarioLibrary.Sample> samples, List<JsonNode> results) {
        if (results.size() != samples.size()) {
            throw new IllegalArgumentException(results.size() + " probe results for " + samples.size() + " samples");
        }
        List<AttackResult> judged = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            ScenarioLibrary.Sample sample = samples.get(i);
            JsonNode r = results.get(i);
            String error = r.hasNonNull("error") ? r.get("error").asString() : null;
            List<Map<String, Object>> findings = r.has("findings")
                    ? Json.MAPPER.convertValue(r.get("findings"), FINDINGS) : List.of();
            judged.add(new AttackResult(i, r.path("id").asString(sample.attack().id()), sample.attack().language(),
                    sample.attack().technique(), sample.prompt(), r.hasNonNull("answer") ? r.get("answer").asString() : null,
                    error != null ? "error" : r.path("verdict").asString("error"),
                    r.has("refused") ? r.get("refused").asBoolean() : null, findings,
                    r.has("latency_ms") ? r.get("latency_ms").asInt() : null, error));
        }
        return judged;
    }
}
