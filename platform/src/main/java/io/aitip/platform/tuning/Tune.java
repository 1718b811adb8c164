package io.aitip.platform.tuning;

import java.time.Instant;

/** A hyperparameter search as stored; {@code bestTrial} is the number of the best finished trial so far. */
public record Tune(
        String id,
        String orgId,
        String projectId,
        String ownerId,
        String name,
        String experimentId,
        TuneSpec spec,
        int parallelism,
        String status,
        String statusMessage,
        Integer bestTrial,
        Instant createdAt,
        Instant endedAt) {

    public boolean running() {
        return "running".equals(status);
    }
}
