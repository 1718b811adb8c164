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
 * @param approvalId set only by the approvals service when it runs an approved call as its requester;
 *                   no door takes it from a caller
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
        String traceId,
        String approvalId) {

    public Invocation {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancelled = cancelled == null ? new AtomicBoolean() : cancelled;
    }

    /** A call as a door hands it over (no approval). */
    public Invocation(Principal principal, Door door, String tool, JsonNode arguments, String idempotencyKey,
                      boolean dryRun, boolean async, String confirmationToken, String callbackUrl,
                      ProgressListener progress, AtomicBoolean cancelled, String traceId) {
        this(principal, door, tool, arguments, idempotencyKey, dryRun, async, confirmationToken, callbackUrl, progress,
                cancelled, traceId, null);
    }

    /** A plain synchronous call. */
    public static Invocation of(Principal principal, Door door, String tool, JsonNode arguments) {
        return new Invocation(principal, door, tool, arguments, null, false, false, null, null, null, null, null);
    }

    /** The same call, carrying the token of a confirmation the user gave. */
    public Invocation withConfirmationToken(String token) {
        return new Invocation(principal, door, tool, arguments, idempotencyKey, dryRun, async, token, callbackUrl,
                progress, cancelled, traceId, approvalId);
    }

    /** The approved call, run as its requester under the approval that allows it once. */
    public Invocation withApproval(String id) {
        return new Invocation(principal, door, tool, arguments, idempotencyKey, false, false, null, callbackUrl,
                progress, cancelled, traceId, id);
    }

    /** Receives progress notifications of a long call. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (progress, total, message) -> { };

        void onProgress(double progress, Double total, String message);
    }
}
