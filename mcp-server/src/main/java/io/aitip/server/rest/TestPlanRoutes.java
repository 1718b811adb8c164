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
import tools.jackson.databind.node.ObjectNode;

/** The seed's {@code /api/v1/test} routes: thin routes onto the tests toolset. */
@RestController
@RequestMapping("/api/v1/test")
public class TestPlanRoutes {

    private final ToolRoutes tools;

    public TestPlanRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping("/plans")
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "test_plan_list", ToolRoutes.params(query));
    }

    @PostMapping("/plans")
    public ResponseEntity<JsonNode> create(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "test_plan_create", ToolRoutes.params(body, Map.of()));
    }

    /** Runs the plan; the body may carry {@code base_url} and {@code fail_fast}. */
    @PostMapping("/plans/{plan}/execute")
    public ResponseEntity<JsonNode> execute(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @PathVariable String plan,
                                            @RequestBody(required = false) JsonNode body) {
        return tools.call(principal, trace, "test_execute", ToolRoutes.params(body, Map.of("plan", plan)));
    }

    @GetMapping({"/executions/{id}", "/executions/{id}/results", "/executions/{id}/report"})
    public ResponseEntity<JsonNode> results(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @PathVariable String id,
                                            @RequestParam(name = "only_failed", required = false) Boolean onlyFailed) {
        ObjectNode params = ToolRoutes.params(Map.of("execution_id", id));
        if (onlyFailed != null) {
            params.put("only_failed", onlyFailed);
        }
        return tools.call(principal, trace, "test_results", params);
    }
}
