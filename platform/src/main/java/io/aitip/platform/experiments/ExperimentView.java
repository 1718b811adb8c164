package io.aitip.platform.experiments;

import java.time.Instant;

/** An experiment as the tools return it. */
public record ExperimentView(String experimentId, String name, String description, String hypothesis, String status,
                             Instant createdAt) {

    public static ExperimentView of(Experiment e) {
        return new ExperimentView(e.id(), e.name(), e.description(), e.hypothesis(), e.status(), e.createdAt());
    }
}
