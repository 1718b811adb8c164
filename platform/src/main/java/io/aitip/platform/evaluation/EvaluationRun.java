package io.aitip.platform.evaluation;

import java.time.Instant;
import java.util.Map;

/**
 * One evaluation of a model version on a benchmark.
 *
 * @param score      the benchmark's metric over all items (0..1); null unless succeeded
 * @param aggregates per-category scores, latency percentiles, counts and chart series
 */
public record EvaluationRun(
        String evalId,
        String orgId,
        String projectId,
        String ownerId,
        String modelId,
        String modelName,
        String modelVersion,
        String benchmark,
        String datasetId,
        String datasetVersion,
        String target,
        Map<String, Object> resources,
        String metric,
        String status,
        String statusMessage,
        Double score,
        int itemCount,
        Map<String, Object> aggregates,
        Instant createdAt,
        Instant endedAt) {
}
