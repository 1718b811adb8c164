package io.aitip.server.rest;

import io.aitip.nl.NlRequest;
import io.aitip.nl.NlResponse;
import io.aitip.tools.json.Json;
import io.aitip.nl.NlRouter;
import io.aitip.nl.learn.LearnedExample;
import io.aitip.nl.learn.LearnedExamples;
import io.aitip.platform.support.Scope;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The natural-language door (DESIGN.md "Natural-language contract") and the review of what the
 * router learned from this tenant. Authenticated like every /api route (AuthFilter); the calls it
 * proposes go through the one pipeline with door NL.
 */
@RestController
public class NaturalLanguageController {

    private static final Set<String> FIELDS = Set.of("message", "conversation_id", "dry_run", "confirm", "context");

    private final NlRouter router;
    private final LearnedExamples learned;
    private final NlRequestTimer timer;

    public NaturalLanguageController(NlRouter router, LearnedExamples learned, ObjectProvider<MeterRegistry> meters) {
        this.router = router;
        this.learned = learned;
        this.timer = new NlRequestTimer(meters.getIfAvailable());
    }

    /**
     * The answer is written once, as bytes, by the mapper that names its fields (no tree copy of it,
     * result included, for Spring's converter to walk again).
     */
    @PostMapping({"/api/v1/agent/natural-language", "/agent/natural-language"})
    public ResponseEntity<byte[]> interpret(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String traceId,
                                            @RequestBody JsonNode body) {
        long started = System.nanoTime();
        NlResponse answer = null;
        try {
            answer = router.handle(principal, parse(body), traceId);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.MAPPER.writeValueAsBytes(answer));
        } finally {
            timer.record(answer, System.nanoTime() - started);
        }
    }

    /** The examples this tenant taught the router (newest first), for review. */
    @GetMapping("/api/v1/agent/natural-language/examples")
    public Map<String, Object> examples(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestParam(required = false) String tool,
                                        @RequestParam(defaultValue = "100") int limit) {
        Scope scope = Scope.of(principal);
        List<LearnedExample> examples = learned.list(scope.orgId(), scope.projectId(), tool, Math.max(1, Math.min(limit, 500)));
        return Map.of("examples", Json.tree(examples));
    }

    /** Removes a learned example: its author, or an org admin or owner. */
    @DeleteMapping("/api/v1/agent/natural-language/examples/{id}")
    public Map<String, Object> remove(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal, @PathVariable String id) {
        Scope scope = Scope.of(principal);
        LearnedExample example = learned.list(scope.orgId(), scope.projectId(), null, 5_000).stream()
                .filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> ToolException.notFound("Learned example", id, "List them with GET /api/v1/agent/natural-language/examples."));
        boolean admin = principal.role() == Role.OWNER || principal.role() == Role.ADMIN;
        if (!admin && !example.createdBy().equals(principal.userId())) {
            throw new ToolException(io.aitip.tools.model.ToolError.of(io.aitip.tools.model.ErrorCode.PERMISSION_DENIED,
                    "Only the person who taught this example or an org admin may remove it."));
        }
        learned.remove(scope.orgId(), scope.projectId(), id);
        return Map.of("removed", id);
    }

    private static NlRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ToolException.invalid("", "The body must be a JSON object: {\"message\": \"...\"}.");
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw ToolException.invalid("/" + field, "Unknown field '" + field + "'. Allowed: " + FIELDS + ".");
            }
        }
        JsonNode dryRun = body.path("dry_run");
        if (!dryRun.isMissingNode() && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw ToolException.invalid("/dry_run", "'dry_run' must be true or false.");
        }
        JsonNode context = body.path("context");
        if (!context.isMissingNode() && !context.isNull() && !context.isObject()) {
            throw ToolException.invalid("/context", "'context' must be an object, e.g. {\"project\": \"...\"}.");
        }
        return new NlRequest(text(body, "message"), text(body, "conversation_id"), dryRun.asBoolean(false),
                text(body, "confirm"), context.path("project").isString() ? context.path("project").asString() : null);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ToolException.invalid("/" + field, "'" + field + "' must be a string.");
        }
        return value.asString();
    }
}
