package io.aitip.platform.models;

import java.time.Instant;

/** A registered model: a name in a project whose versions ({@link ModelVersion}) are checkpoints. */
public record Model(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String description,
        String framework,
        String format,
        int latestVersionNumber,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code v3}; null before the first version exists. */
    public String latestVersion() {
        return latestVersionNumber == 0 ? null : "v" + latestVersionNumber;
    }
}
