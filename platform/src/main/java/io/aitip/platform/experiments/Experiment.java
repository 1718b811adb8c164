package io.aitip.platform.experiments;

import java.time.Instant;

/** A named group of training runs in a project, with the question it is meant to answer. */
public record Experiment(
        String id,
        String orgId,
        String projectId,
        String name,
        String description,
        String hypothesis,
        String status,
        Instant createdAt) {
}
