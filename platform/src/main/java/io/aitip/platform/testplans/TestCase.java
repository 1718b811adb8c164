package io.aitip.platform.testplans;

import com.fasterxml.jackson.annotation.JsonValue;
import io.aitip.tools.model.Param;
import java.util.List;
import java.util.Locale;

/** One API check of a test plan: a request, and what its answer must look like. */
public record TestCase(
        @Param(value = "A short name for the case, e.g. 'health is up'.", required = true, minLength = 1, maxLength = 200)
        String name,
        @Param("HTTP method (default GET).") Method method,
        @Param(value = "Path (and query) appended to the plan's base_url, e.g. '/v1/models?limit=5'.", required = true,
                minLength = 1, maxLength = 2000, pattern = "^/.*") String path,
        @Param(value = "Request headers, e.g. an Authorization header for the service under test.", maxItems = 20)
        List<Header> headers,
        @Param(value = "Request body, sent as is (JSON text for JSON APIs; Content-Type defaults to application/json).",
                maxLength = 100_000) String body,
        @Param(value = "The status code the answer must have (default: any 2xx).", min = 100, max = 599)
        Integer expectedStatus,
        @Param(value = "Checks on the JSON answer, each at a JSON Pointer.", maxItems = 50) List<Assertion> assertions,
        @Param(value = "The answer must come within this many milliseconds.", min = 1, max = 120_000)
        Integer maxLatencyMs,
        @Param("Skip this case (counted as skipped).") Boolean skip) {

    public enum Method {
        GET, POST, PUT, PATCH, DELETE, HEAD;

        @JsonValue
        public String wire() {
            return name();
        }
    }

    public record Header(
            @Param(value = "Header name.", required = true, minLength = 1, maxLength = 100,
                    pattern = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$") String name,
            @Param(value = "Header value.", required = true, maxLength = 4000) String value) {
    }

    public enum Op {
        /** the value at the pointer equals {@code value} (text, or the JSON text of numbers, booleans, null) */
        EQUALS,
        /** something is at the pointer */
        EXISTS,
        /** nothing is at the pointer */
        NOT_EXISTS,
        /** the text at the pointer, or the JSON text of the value, contains {@code value} */
        CONTAINS;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Assertion(
            @Param(value = "JSON Pointer into the answer, e.g. '/data/0/id' ('' is the whole answer).", required = true,
                    maxLength = 500, pattern = "^(/.*)?$") String pointer,
            @Param("equals, exists (default), not_exists or contains.") Op op,
            @Param(value = "The expected value for equals and contains: a string, or the JSON text of a number, "
                    + "boolean or null (e.g. '42', 'true').", maxLength = 4000) String value) {
    }

    public Method methodOrDefault() {
        return method == null ? Method.GET : method;
    }
}
