package io.aitip.server.rest;

import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The seed's {@code /api/v1/releases} routes: thin routes onto the release tools. */
@RestController
@RequestMapping("/api/v1/releases")
public class ReleaseRoutes {

    private final ToolRoutes tools;

    public ReleaseRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("status", status);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "release_list", ToolRoutes.params(query));
    }

    @PostMapping
    public ResponseEntity<JsonNode> create(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "release_create", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "release_get", ToolRoutes.params(Map.of("release_id", id)));
    }

    /** Body {@code {"comment": "..."}} (optional). */
    @PostMapping("/{id}/approve")
    public ResponseEntity<JsonNode> approve(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return tools.call(principal, trace, "release_approve", ToolRoutes.params(body, Map.of("release_id", id)));
    }

    @PostMapping("/{id}/promote")
    public ResponseEntity<JsonNode> promote(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @PathVariable String id) {
        return tools.call(principal, trace, "release_promote", ToolRoutes.params(Map.of("release_id", id)));
    }

    /** Destructive: the first call answers 202 with a confirmation token; body {@code {"reason": "..."}} (optional). */
    @PostMapping("/{id}/rollback")
    public ResponseEntity<JsonNode> rollback(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                             @PathVariable String id, @RequestBody(required = false) JsonNode body,
                                             @RequestParam(name = "confirmation_token", required = false) String token) {
        return tools.callConfirmed(principal, trace, "release_rollback", ToolRoutes.params(body, Map.of("release_id", id)),
                token);
    }
}
