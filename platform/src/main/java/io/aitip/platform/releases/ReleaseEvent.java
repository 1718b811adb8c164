package io.aitip.platform.releases;

import java.time.Instant;

/** One audited step of a release: who moved it from which status to which, at what traffic share. */
public record ReleaseEvent(String action, String fromStatus, String toStatus, int trafficPercent, String actor,
                           String comment, Instant at) {
}
