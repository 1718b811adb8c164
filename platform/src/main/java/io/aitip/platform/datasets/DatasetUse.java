package io.aitip.platform.datasets;

import java.time.Instant;

/** A training job that read a dataset, as lineage shows it. */
public record DatasetUse(String jobId, String name, String model, String datasetVersion, String status,
                         Instant createdAt) {
}
