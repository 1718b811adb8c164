package io.aitip.platform.simulation;

import java.time.Instant;
import java.util.Map;

/**
 * One safety simulation of a target under a scenario.
 *
 * @param safetyScore 100 × safe / (safe + unsafe) answers; null unless succeeded with at least one judged answer
 * @param summary     counts by verdict, language, technique and detector, and the scenario's recommendation
 */
public record SimulationRun(
        String runId,
        String orgId,
        String projectId,
        String ownerId,
        String target,
        String scenario,
        int samples,
        double threshold,
        String status,
        String statusMessage,
        Double safetyScore,
        Boolean passed,
        Map<String, Object> summary,
        Instant createdAt,
        Instant endedAt) {
}
