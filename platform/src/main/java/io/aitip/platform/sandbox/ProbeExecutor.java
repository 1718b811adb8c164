package io.aitip.platform.sandbox;

import io.aitip.tools.model.ToolContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Where evaluation_run and simulation_run send their items: the local {@link Sandbox} (an OS
 * process beside the server) by default, or a cluster Job when the Kubernetes executor supplies
 * its own bean (it is then the primary one). Both speak the same protocol: the spec of
 * {@code sandbox/ProbeRunner.java} in, one scored JSON result per item out.
 */
public interface ProbeExecutor {

    /** Told once the run exists where it runs, before its results are read; the caller then records it as running. */
    @FunctionalInterface
    interface Started {
        void targetReachable();
    }

    /**
     * Sends every item to the target and returns one scored result per item, in order.
     *
     * @throws io.aitip.tools.model.ToolException UNAVAILABLE when the target cannot be reached before
     *                                            {@code started} was told (nothing is recorded then)
     * @throws ProbeFailed when the run broke off after {@code started} was told
     */
    List<JsonNode> run(ProbeRequest request, ToolContext context, Started started);

    /** {@code local} or {@code kubernetes}: who recovers runs left running after a restart. */
    default String kind() {
        return "local";
    }
}
