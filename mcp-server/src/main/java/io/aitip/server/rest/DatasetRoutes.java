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

/** The seed's dataset routes (in the caller's project): thin routes onto the dataset tools. */
@RestController
@RequestMapping("/api/v1/datasets")
public class DatasetRoutes {

    private final ToolRoutes tools;

    public DatasetRoutes(ToolRoutes tools) {
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
        return tools.call(principal, trace, "dataset_list", ToolRoutes.params(query));
    }

    @PostMapping
    public ResponseEntity<JsonNode> register(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                             @RequestBody JsonNode body) {
        return tools.call(principal, trace, "dataset_register", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "dataset_get", ToolRoutes.params(Map.of("dataset", id)));
    }

    @PostMapping("/{id}/versions")
    public ResponseEntity<JsonNode> version(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @PathVariable String id, @RequestBody JsonNode body) {
        return tools.call(principal, trace, "dataset_version", ToolRoutes.params(body, Map.of("dataset", id)));
    }

    @GetMapping("/{id}/lineage")
    public ResponseEntity<JsonNode> lineage(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "dataset_lineage", ToolRoutes.params(Map.of("dataset", id)));
    }
}
