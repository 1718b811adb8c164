package io.aitip.tools.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates arguments against a tool's input schema (networknt, draft 2020-12) and turns every
 * violation into a {@link ToolError} with a JSON Pointer to the offending value.
 */
public final class ArgumentValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;

    public ArgumentValidator(JsonNode inputSchema) {
        this.schema = REGISTRY.getSchema(inputSchema);
    }

    /** Returns null when valid, else one error whose details list every violation. */
    public ToolError validate(JsonNode arguments) {
        List<Error> errors = schema.validate(arguments);
        if (errors.isEmpty()) {
            return null;
        }
        List<ToolError> details = new ArrayList<>(errors.size());
        for (Error error : errors) {
            details.add(ToolError.at(ErrorCode.INVALID_ARGUMENTS, describe(error), pointer(error)));
        }
        ToolError first = details.get(0);
        String message = first.message() + (details.size() > 1 ? " (and " + (details.size() - 1) + " more)" : "")
                + ". Fix the arguments to match the tool's input schema and call again.";
        return new ToolError(ErrorCode.INVALID_ARGUMENTS, message, first.pointer(), details);
    }

    /** The pointer to the value at fault; for a missing or unknown property, to that property. */
    private static String pointer(Error error) {
        String base = error.getInstanceLocation().toString();
        base = toPointer(base);
        String property = error.getProperty();
        if (property != null && ("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))) {
            return base + "/" + escape(property);
        }
        return base;
    }

    private static String toPointer(String location) {
        // networknt renders locations as "$.a.b[0]"; RFC 6901 wants "/a/b/0"
        if (location.startsWith("/") || location.isEmpty()) {
            return location;
        }
        String path = location.startsWith("$") ? location.substring(1) : location;
        StringBuilder out = new StringBuilder();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                out.append('/').append(escape(part));
            }
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        // networknt prefixes messages with the instance location; the pointer already says where
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }
}
