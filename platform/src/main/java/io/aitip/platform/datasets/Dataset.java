package io.aitip.platform.datasets;

import java.time.Instant;
import java.util.List;

/** A registered dataset: where it lives and its latest version; versions are {@link DatasetVersion}s. */
public record Dataset(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String description,
        String uri,
        String format,
        List<String> tags,
        String status,
        String latestVersion,
        Instant createdAt,
        Instant updatedAt) {

    public Dataset {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The number of the latest version: {@code v3} → 3. */
    public int latestVersionNumber() {
        return Integer.parseInt(latestVersion.substring(1));
    }
}
