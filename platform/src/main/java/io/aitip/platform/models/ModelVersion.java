package io.aitip.platform.models;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable version of a model and where it came from: the training job, and the dataset and
 * dataset version that job read.
 *
 * @param checksum {@code sha256:<hex>} of the artifact when the server could read it, else null
 * @param metrics  the source job's final metric values by name, sorted (empty for a version registered by URI)
 */
public record ModelVersion(
        String versionId,
        String modelId,
        String version,
        String artifactUri,
        String checksum,
        Lineage lineage,
        Map<String, Double> metrics,
        String createdBy,
        Instant createdAt) {

    public ModelVersion {
        metrics = metrics == null ? Map.of() : metrics;
    }

    /** Where the version came from; all null for a version registered by URI. */
    public record Lineage(String sourceJobId, String datasetId, String datasetName, String datasetVersion) {
    }
}
