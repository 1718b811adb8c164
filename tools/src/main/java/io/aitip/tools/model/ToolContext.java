package io.aitip.tools.model;

import io.aitip.tools.security.Principal;

/**
 * What a handler knows about the call besides its input. Handlers read the principal from here,
 * never from a thread-local: MCP handlers run on reactor threads.
 */
public interface ToolContext {

    Principal principal();

    String executionId();

    Door door();

    /** Reports progress of a long call (MCP progress notifications); a no-op where nobody listens. */
    void progress(double progress, Double total, String message);

    /**
     * The URL the caller asked to be told at when work this call starts ends (the Agent API's
     * {@code callback_url}); null when none. Tools that start long work (training_submit) keep it.
     */
    default String callbackUrl() {
        return null;
    }

    /** True once the caller cancelled the call (MCP notifications/cancelled). */
    boolean cancelled();

    /** Stops a long handler once the caller has cancelled. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new CancelledException();
        }
    }

    /** Signals that the caller cancelled the call; the pipeline records it and sends no result. */
    final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("cancelled by the caller", null, false, false);
        }
    }
}
