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

/** Model registry routes (in the caller's project): thin routes onto the model tools. */
@RestController
@RequestMapping("/api/v1/models")
public class ModelRoutes {

    private final ToolRoutes tools;

    public ModelRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "model_list", ToolRoutes.params(query));
    }

    /** Registers a model version: {@code {"name", "job_id" | "uri", "framework"?, "format"?}}. */
    @PostMapping
    public ResponseEntity<JsonNode> register(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                             @RequestBody JsonNode body) {
        return tools.call(principal, trace, "model_register", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/{model}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                        @PathVariable String model) {
        return tools.call(principal, trace, "model_get", ToolRoutes.params(Map.of("model", model)));
    }

    @GetMapping("/{model}/versions")
    public ResponseEntity<JsonNode> versions(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                             @PathVariable String model,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("model", model);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "model_versions", ToolRoutes.params(query));
    }
}
