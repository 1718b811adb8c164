package io.aitip.tools.model;

import java.util.List;

/**
 * A failure the caller can act on: a code, a message that says what to do next, and where it
 * applies a JSON Pointer into the arguments.
 *
 * @param details further errors of the same call (for example every schema violation), or null
 */
public record ToolError(ErrorCode code, String message, String pointer, List<ToolError> details) {

    public static ToolError of(ErrorCode code, String message) {
        return new ToolError(code, message, null, null);
    }

    public static ToolError at(ErrorCode code, String message, String pointer) {
        return new ToolError(code, message, pointer, null);
    }
}
