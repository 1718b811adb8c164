package io.aitip.server.web;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the one error shape of the REST doors: {@code {"error": {"code", "message", "pointer"?}}}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static Map<String, Object> body(ErrorCode code, String message, String pointer) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        if (pointer != null) {
            error.put("pointer", pointer);
        }
        return Map.of("error", error);
    }

    public static void write(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(body(code, message, null)));
    }

    /** Adds {@code Retry-After} for an error that says when to retry (RATE_LIMITED). */
    public static org.springframework.http.ResponseEntity.BodyBuilder withRetryAfter(
            org.springframework.http.ResponseEntity.BodyBuilder response, io.aitip.tools.model.ToolError error) {
        if (error != null && error.retryAfterSeconds() != null) {
            response.header("Retry-After", String.valueOf(error.retryAfterSeconds()));
        }
        return response;
    }

    /** The HTTP status that goes with an error code. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENTS -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED, SELF_APPROVAL -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT, ALREADY_DECIDED -> 409;
            case APPROVAL_EXPIRED -> 410;
            case QUOTA_EXCEEDED, RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            // a refused confirmation token comes back with a fresh one: the call still waits for confirmation
            case CONFIRMATION_REQUIRED, CONFIRMATION_INVALID, CONFIRMATION_EXPIRED, CONFIRMATION_REPLAYED,
                 CONFIRMATION_MISMATCH, APPROVAL_REQUIRED -> 202;
            case INTERNAL -> 500;
        };
    }
}
