package io.aitip.tools.model;

import java.util.List;

/**
 * A failure the caller can act on: a code, a message that says what to do next, and where it
 * applies a JSON Pointer into the arguments.
 *
 * @param details            further errors of the same call (for example every schema violation), or null
 * @param retryAfterSeconds  for RATE_LIMITED: when the call may be tried again (REST also sends Retry-After)
 */
public record ToolError(ErrorCode code, String message, String pointer, List<ToolError> details, Integer retryAfterSeconds) {

    public ToolError(ErrorCode code, String message, String pointer, List<ToolError> details) {
        this(code, message, pointer, details, null);
    }

    public static ToolError retryAfter(ErrorCode code, String message, int seconds) {
        return new ToolError(code, message, null, null, seconds);
    }

    public static ToolError of(ErrorCode code, String message) {
        return new ToolError(code, message, null, null);
    }

    public static ToolError at(ErrorCode code, String message, String pointer) {
        return new ToolError(code, message, pointer, null);
    }
}
