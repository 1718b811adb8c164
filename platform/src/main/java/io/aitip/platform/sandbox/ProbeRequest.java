package io.aitip.platform.sandbox;

import io.aitip.platform.support.Scope;
import java.util.List;
import java.util.Map;

/**
 * One evaluation or simulation run for a {@link ProbeExecutor}.
 *
 * @param runId    the AITIP run id ({@code eval-…}, {@code sim-…}); a cluster names its Job after it
 * @param kind     {@code evaluation} or {@code simulation}
 * @param items    each {@code {"id", "messages": [...], "check": {...}}} (see ProbeRunner)
 * @param gpuType  the GPU type asked for (evaluations only), or null
 * @param gpuCount GPUs for the probe (0: the probe itself needs none)
 */
public record ProbeRequest(String runId, String kind, Scope scope, ProbeTarget target, List<Map<String, Object>> items,
                           String gpuType, int gpuCount) {

    public ProbeRequest {
        items = List.copyOf(items);
    }
}
