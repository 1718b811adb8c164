package io.aitip.platform.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * The store of one kind of probe run (evaluations, simulations) as recovery sees it: which runs
 * are {@code running}, and how to end one, with its results or without. Used by the start-up sweep
 * on the local executor and by the cluster reconciler, which must not depend on the evaluation or
 * simulation features themselves.
 */
public interface ProbeRecords {

    /** A run recorded as running. */
    record LiveRun(String id, String orgId, String projectId, Instant createdAt) {
    }

    /** {@code evaluation} or {@code simulation}, as in {@link ProbeRequest#kind()}. */
    String kind();

    List<LiveRun> running();

    /** The run's status ({@code running}, {@code succeeded}, {@code failed}), empty when there is no such run. */
    Optional<String> status(String runId);

    /** Fails a running run with this message; false when it was not running (any more). */
    boolean failRunning(String runId, String message);

    /**
     * How many probe results a running run waits for; empty when it is not running, or was recorded
     * without its items (before they were kept with the run), so that only its own follower can score it.
     */
    OptionalInt pendingResults(String runId);

    /**
     * Scores a running run's probe results (one per item, in order) with the same code as the live
     * path, stores them, ends the run and emits what the live path emits; false when the run was not
     * running any more (another replica ended it first) or its items were not kept.
     */
    boolean completeRunning(String runId, List<JsonNode> results);
}
