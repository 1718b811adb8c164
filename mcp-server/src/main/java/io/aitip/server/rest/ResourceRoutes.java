package io.aitip.server.rest;

import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The seed's {@code /api/v1/resources} routes: thin routes onto the resources tools. */
@RestController
@RequestMapping("/api/v1/resources")
public class ResourceRoutes {

    private final ToolRoutes tools;

    public ResourceRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping("/gpu")
    public ResponseEntity<JsonNode> gpus(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(name = "gpu_type", required = false) String gpuType) {
        return tools.call(principal, trace, "resources_gpus", ToolRoutes.params(query(gpuType, null)));
    }

    @GetMapping("/usage")
    public ResponseEntity<JsonNode> usage(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                          @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                          @RequestParam(name = "gpu_type", required = false) String gpuType,
                                          @RequestParam(required = false) String period) {
        return tools.call(principal, trace, "resources_usage", ToolRoutes.params(query(gpuType, period)));
    }

    @GetMapping("/costs")
    public ResponseEntity<JsonNode> costs(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                          @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                          @RequestParam(name = "gpu_type", required = false) String gpuType,
                                          @RequestParam(required = false) String period) {
        return tools.call(principal, trace, "resources_costs", ToolRoutes.params(query(gpuType, period)));
    }

    private static Map<String, Object> query(String gpuType, String period) {
        Map<String, Object> query = new HashMap<>();
        query.put("gpu_type", gpuType);
        query.put("period", period);
        return query;
    }
}
