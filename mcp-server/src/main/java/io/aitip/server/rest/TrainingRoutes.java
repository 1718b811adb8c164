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

/** The seed's {@code /api/v1/training/jobs} routes: thin routes onto the training tools. */
@RestController
@RequestMapping("/api/v1/training/jobs")
public class TrainingRoutes {

    private final ToolRoutes tools;

    public TrainingRoutes(ToolRoutes tools) {
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
        return tools.call(principal, trace, "training_list", ToolRoutes.params(query));
    }

    @PostMapping
    public ResponseEntity<JsonNode> submit(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "training_submit", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "training_get", ToolRoutes.params(Map.of("job_id", id)));
    }

    @GetMapping("/{id}/logs")
    public ResponseEntity<JsonNode> logs(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                         @RequestParam(required = false) Integer tail,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("job_id", id);
        query.put("tail", tail);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "training_logs", ToolRoutes.params(query));
    }

    @GetMapping("/{id}/metrics")
    public ResponseEntity<JsonNode> metrics(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "training_metrics", ToolRoutes.params(Map.of("job_id", id)));
    }

    /** Stopping is destructive: the first call answers 202 with a confirmation token to send back. */
    @PostMapping("/{id}/stop")
    public ResponseEntity<JsonNode> stop(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                         @RequestParam(name = "confirmation_token", required = false) String token) {
        return tools.callConfirmed(principal, trace, "training_stop", ToolRoutes.params(Map.of("job_id", id)), token);
    }
}
