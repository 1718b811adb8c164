package io.aitip.platform.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store of one kind of probe run (evaluations, simulations) as recovery sees it: which runs
 * are {@code running}, and how to end one. Used by the start-up sweep on the local executor and by
 * the cluster reconciler, which must not depend on the evaluation or simulation features themselves.
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
}
