package io.aitip.tools.pipeline;

import io.aitip.tools.model.Door;
import io.aitip.tools.security.Principal;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * One call as a door hands it to the pipeline.
 *
 * @param progress   receives progress of long calls; never null
 * @param cancelled  set by the door when the caller cancels; never null
 */
public record Invocation(
        Principal principal,
        Door door,
        String tool,
        JsonNode arguments,
        String idempotencyKey,
        boolean dryRun,
        boolean async,
        String confirmationToken,
        String callbackUrl,
        ProgressListener progress,
        AtomicBoolean cancelled,
        String traceId) {

    public Invocation {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancelled = cancelled == null ? new AtomicBoolean() : cancelled;
    }

    /** A plain synchronous call. */
    public static Invocation of(Principal principal, Door door, String tool, JsonNode arguments) {
        return new Invocation(principal, door, tool, arguments, null, false, false, null, null, null, null, null);
    }

    /** The same call, carrying the token of a confirmation the user gave. */
    public Invocation withConfirmationToken(String token) {
        return new Invocation(principal, door, tool, arguments, idempotencyKey, dryRun, async, token, callbackUrl,
                progress, cancelled, traceId);
    }

    /** Receives progress notifications of a long call. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (progress, total, message) -> { };

        void onProgress(double progress, Double total, String message);
    }
}
