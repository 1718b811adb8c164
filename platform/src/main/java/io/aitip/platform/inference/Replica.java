package io.aitip.platform.inference;

import java.time.Instant;

/** One server process of a service, serving one model version on one track. */
public record Replica(
        String id,
        String serviceId,
        int ordinal,
        Track track,
        String version,
        String artifactUri,
        String profile,
        ReplicaStatus status,
        String statusMessage,
        Long pid,
        Instant pidStartedAt,
        Integer port,
        String workDir,
        String assignedGpus,
        int restarts,
        Instant startedAt,
        Instant readyAt,
        Instant endedAt) {

    /** The replica's OpenAI-compatible base URL on this machine, once it listens. */
    public String baseUrl() {
        return port == null ? null : "http://127.0.0.1:" + port;
    }
}
