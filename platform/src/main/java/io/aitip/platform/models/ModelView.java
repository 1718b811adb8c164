package io.aitip.platform.models;

import java.time.Instant;

/** A model as the tools return it. */
public record ModelView(String modelId, String name, String description, String framework, String format,
                        String latestVersion, int versionCount, Instant createdAt, Instant updatedAt) {

    public static ModelView of(Model m) {
        return new ModelView(m.id(), m.name(), m.description(), m.framework(), m.format(), m.latestVersion(),
                m.latestVersionNumber(), m.createdAt(), m.updatedAt());
    }
}
