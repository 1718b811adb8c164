package io.aitip.tools.model;

/** Thrown by handlers for failures the caller can act on; rendered as an error result, never a stack trace. */
public class ToolException extends RuntimeException {

    private final transient ToolError error;

    public ToolException(ToolError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ToolException(ErrorCode code, String message) {
        this(ToolError.of(code, message));
    }

    public static ToolException notFound(String what, String id, String hint) {
        return new ToolException(ErrorCode.NOT_FOUND, what + " '" + id + "' was not found. " + hint);
    }

    public static ToolException invalid(String pointer, String message) {
        return new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, message, pointer));
    }

    public ToolError error() {
        return error;
    }
}
