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

/** The seed's {@code /api/v1/evaluation/…} routes: thin routes onto the evaluation tools. */
@RestController
@RequestMapping("/api/v1/evaluation")
public class EvaluationRoutes {

    private final ToolRoutes tools;

    public EvaluationRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping("/benchmarks")
    public ResponseEntity<JsonNode> benchmarks(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                               @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                               @RequestParam(name = "runnable_only", required = false) Boolean runnableOnly) {
        ObjectNode params = ToolRoutes.params(Map.of());
        if (runnableOnly != null) {
            params.put("runnable_only", runnableOnly);
        }
        return tools.call(principal, trace, "evaluation_benchmarks", params);
    }

    @GetMapping("/jobs")
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) String model,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("model", model);
        query.put("status", status);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "evaluation_list", ToolRoutes.params(query));
    }

    /** Runs the evaluation and answers when it is done (send {@code "async": true} to /api/v1/agent/execute to poll instead). */
    @PostMapping("/jobs")
    public ResponseEntity<JsonNode> run(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                        @RequestBody JsonNode body) {
        return tools.call(principal, trace, "evaluation_run", ToolRoutes.params(body, Map.of()));
    }

    /** The evaluation with its aggregates and chart series, without items. */
    @GetMapping("/jobs/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "evaluation_get", ToolRoutes.params(Map.of("eval_id", id, "limit", 0)));
    }

    @GetMapping("/jobs/{id}/results")
    public ResponseEntity<JsonNode> results(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                            @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("eval_id", id);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "evaluation_get", ToolRoutes.params(query));
    }

    /** The report file: {@code format=html} (default) or {@code pdf}. */
    @GetMapping("/jobs/{id}/report")
    public ResponseEntity<?> report(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                    @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                    @RequestParam(required = false) String format) {
        Map<String, Object> query = new HashMap<>();
        query.put("eval_id", id);
        query.put("format", format);
        return ReportResponses.file(tools.call(principal, trace, "evaluation_report", ToolRoutes.params(query)));
    }
}
