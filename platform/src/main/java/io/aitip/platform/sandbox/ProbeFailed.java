package io.aitip.platform.sandbox;

/** The run broke off after it was recorded: time limit, crash, malformed output, a Job that failed. */
public final class ProbeFailed extends RuntimeException {

    public ProbeFailed(String message) {
        super(message, null, false, false);
    }
}
