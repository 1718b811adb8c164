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

/**
 * The seed's {@code /api/v1/simulation/…} routes for runs and templates: thin routes onto the
 * simulation tools. (The seed's "environments" are not a separate resource here: a run names its
 * target directly.)
 */
@RestController
@RequestMapping("/api/v1/simulation")
public class SimulationRoutes {

    private final ToolRoutes tools;

    public SimulationRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping("/templates")
    public ResponseEntity<JsonNode> templates(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                              @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                              @RequestParam(required = false) String scenario) {
        Map<String, Object> query = new HashMap<>();
        query.put("scenario", scenario);
        return tools.call(principal, trace, "simulation_templates", ToolRoutes.params(query));
    }

    @GetMapping("/runs")
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) String scenario,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("scenario", scenario);
        query.put("status", status);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "simulation_list", ToolRoutes.params(query));
    }

    @PostMapping("/runs")
    public ResponseEntity<JsonNode> run(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                        @RequestBody JsonNode body) {
        return tools.call(principal, trace, "simulation_run", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/runs/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                        @RequestParam(required = false) String verdict,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("run_id", id);
        query.put("verdict", verdict);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "simulation_get", ToolRoutes.params(query));
    }

    /** The report file: {@code format=html} (default) or {@code pdf}. */
    @GetMapping("/runs/{id}/report")
    public ResponseEntity<?> report(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                    @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                    @RequestParam(required = false) String format) {
        Map<String, Object> query = new HashMap<>();
        query.put("run_id", id);
        query.put("format", format);
        return ReportResponses.file(tools.call(principal, trace, "simulation_report", ToolRoutes.params(query)));
    }
}
