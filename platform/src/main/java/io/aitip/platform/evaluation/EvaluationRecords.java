package io.aitip.platform.evaluation;

import io.aitip.platform.sandbox.ProbeRecords;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Evaluation runs as recovery and the cluster reconciler see them (ADR 0022). */
@Component
public class EvaluationRecords implements ProbeRecords {

    private final EvaluationStore store;

    public EvaluationRecords(EvaluationStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return "evaluation";
    }

    @Override
    public List<LiveRun> running() {
        return store.running();
    }

    @Override
    public Optional<String> status(String runId) {
        return store.status(runId);
    }

    @Override
    public boolean failRunning(String runId, String message) {
        return store.fail(runId, message);
    }

    @Override
    public OptionalInt pendingResults(String runId) {
        return store.pending(runId).map(run -> OptionalInt.of(run.items().size())).orElse(OptionalInt.empty());
    }

    @Override
    public boolean completeRunning(String runId, List<JsonNode> results) {
        Optional<EvaluationStore.PendingRun> run = store.pending(runId);
        return run.isPresent() && EvaluationScoring.complete(store, runId, run.get().items(), run.get().metric(), results);
    }
}
