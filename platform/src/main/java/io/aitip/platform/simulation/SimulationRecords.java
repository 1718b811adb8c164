package io.aitip.platform.simulation;

import io.aitip.platform.sandbox.ProbeRecords;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Simulation runs as recovery and the cluster reconciler see them (ADR 0022). */
@Component
public class SimulationRecords implements ProbeRecords {

    private final SimulationStore store;
    private final ScenarioLibrary library;

    public SimulationRecords(SimulationStore store, ScenarioLibrary library) {
        this.store = store;
        this.library = library;
    }

    @Override
    public String kind() {
        return "simulation";
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
        return store.pending(runId).map(run -> OptionalInt.of(run.samples().size())).orElse(OptionalInt.empty());
    }

    @Override
    public boolean completeRunning(String runId, List<JsonNode> results) {
        Optional<SimulationStore.PendingRun> run = store.pending(runId);
        return run.isPresent() && SimulationScoring.complete(store, runId, library.require(run.get().scenario()),
                run.get().threshold(), run.get().samples(), results);
    }
}
