package io.aitip.platform.datasets;

import java.time.Instant;

/** One immutable version of a dataset ({@code v1}, {@code v2}, …) and the version it came from. */
public record DatasetVersion(
        String id,
        String datasetId,
        String version,
        String uri,
        String changes,
        String parentVersion,
        String createdBy,
        Instant createdAt) {
}
