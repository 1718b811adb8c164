package io.aitip.server.rest;

import io.aitip.policy.auth.AuthenticationException;
import io.aitip.server.web.ApiErrors;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure of the REST doors to {@code {"error": {code, message, pointer?}}}; never a stack trace. */
@RestControllerAdvice
public class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(ToolException.class)
    public ResponseEntity<Map<String, Object>> tool(ToolException e) {
        ToolError error = e.error();
        return ResponseEntity.status(ApiErrors.status(error.code())).body(ApiErrors.body(error.code(), error.message(), error.pointer()));
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<Map<String, Object>> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(401).body(ApiErrors.body(ErrorCode.UNAUTHENTICATED, e.getMessage(), null));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiErrors.body(ErrorCode.INVALID_ARGUMENTS,
                "The request body is missing or is not valid JSON. Send a JSON object.", ""));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(415).body(ApiErrors.body(ErrorCode.INVALID_ARGUMENTS,
                "Send the body as Content-Type: application/json.", null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(405).body(ApiErrors.body(ErrorCode.INVALID_ARGUMENTS,
                "Method " + e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods() + ".", null));
    }

    @ExceptionHandler({NoResourceFoundException.class, MissingRequestHeaderException.class})
    public ResponseEntity<Map<String, Object>> notFound(Exception e) {
        return ResponseEntity.status(404).body(ApiErrors.body(ErrorCode.NOT_FOUND,
                "No such route. The API is described in docs/reference and README.", null));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        Object trace = request.getAttribute(RequestAttributes.TRACE_ID);
        log.error("unexpected failure on {} {} (trace {})", request.getMethod(), request.getRequestURI(), trace, e);
        return ResponseEntity.status(500).body(ApiErrors.body(ErrorCode.INTERNAL,
                "Internal error (trace " + trace + "). Retry later; report the trace id if it persists.", null));
    }
}
