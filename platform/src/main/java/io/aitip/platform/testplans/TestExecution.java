package io.aitip.platform.testplans;

import java.time.Instant;
import java.util.List;

/** One run of a plan: counts, per-case results, timing. */
public record TestExecution(
        String id,
        String planId,
        String planName,
        String triggeredBy,
        String baseUrl,
        String status,
        int total,
        int passed,
        int failed,
        int skipped,
        Long durationMs,
        List<CaseResult> results,
        Instant startedAt,
        Instant endedAt) {
}
