package io.aitip.server.rest;

import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The seed's {@code /api/v1/inference/services} routes: thin routes onto the inference tools. The
 * OpenAI-compatible data plane of each service lives in {@link InferenceRouterController}.
 */
@RestController
@RequestMapping("/api/v1/inference/services")
public class InferenceRoutes {

    private final ToolRoutes tools;

    public InferenceRoutes(ToolRoutes tools) {
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
        return tools.call(principal, trace, "inference_list", ToolRoutes.params(query));
    }

    @PostMapping
    public ResponseEntity<JsonNode> deploy(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "inference_deploy", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "inference_get", ToolRoutes.params(Map.of("service", id)));
    }

    @GetMapping("/{id}/metrics")
    public ResponseEntity<JsonNode> metrics(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "inference_metrics", ToolRoutes.params(Map.of("service", id)));
    }

    /** Body {@code {"replicas": n}}. */
    @PostMapping("/{id}/scale")
    public ResponseEntity<JsonNode> scale(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                          @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                          @RequestBody JsonNode body) {
        return tools.call(principal, trace, "inference_scale", ToolRoutes.params(body, Map.of("service", id)));
    }

    /** Body {@code {"model_version": "v2", "traffic_percent": 10}}. */
    @PostMapping("/{id}/canary")
    public ResponseEntity<JsonNode> canary(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "inference_canary", ToolRoutes.params(body, Map.of("service", id)));
    }

    /** Stopping is destructive: the first call answers 202 with a confirmation token to send back. */
    @PostMapping("/{id}/stop")
    public ResponseEntity<JsonNode> stop(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                         @RequestParam(name = "confirmation_token", required = false) String token) {
        return tools.callConfirmed(principal, trace, "inference_stop", ToolRoutes.params(Map.of("service", id)), token);
    }

    /** The seed's DELETE: the same as stop (the service's record stays, as stopped). */
    @DeleteMapping("/{id}")
    public ResponseEntity<JsonNode> delete(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                           @RequestParam(name = "confirmation_token", required = false) String token) {
        return stop(principal, trace, id, token);
    }
}
