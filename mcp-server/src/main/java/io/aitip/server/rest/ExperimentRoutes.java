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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The seed's experiment and run routes (in the caller's project): thin routes onto the experiment
 * and training tools. A run is a training job, so creating one submits a job into the experiment.
 */
@RestController
public class ExperimentRoutes {

    private final ToolRoutes tools;

    public ExperimentRoutes(ToolRoutes tools) {
        this.tools = tools;
    }

    @GetMapping("/api/v1/experiments")
    public ResponseEntity<JsonNode> list(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "experiment_list", ToolRoutes.params(query));
    }

    @PostMapping("/api/v1/experiments")
    public ResponseEntity<JsonNode> create(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                           @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                           @RequestBody JsonNode body) {
        return tools.call(principal, trace, "experiment_create", ToolRoutes.params(body, Map.of()));
    }

    /** Compares runs: {@code {"runs": [...], "metric"?, "history_points"?}}. */
    @PostMapping("/api/v1/experiments/compare")
    public ResponseEntity<JsonNode> compare(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                            @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                            @RequestBody JsonNode body) {
        return tools.call(principal, trace, "experiment_compare", ToolRoutes.params(body, Map.of()));
    }

    @GetMapping("/api/v1/experiments/{id}")
    public ResponseEntity<JsonNode> get(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        Map<String, Object> query = new HashMap<>();
        query.put("experiment", id);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return tools.call(principal, trace, "experiment_get", ToolRoutes.params(query));
    }

    /** The experiment's runs, newest first: experiment_get's runs and their cursor. */
    @GetMapping("/api/v1/experiments/{id}/runs")
    public ResponseEntity<JsonNode> runs(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                         @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        ResponseEntity<JsonNode> got = get(principal, trace, id, limit, cursor);
        JsonNode body = got.getBody();
        if (!got.getStatusCode().is2xxSuccessful() || body == null || !body.has("runs")) {
            return got;
        }
        var out = io.aitip.tools.json.Json.object();
        out.set("experiment_id", body.path("experiment").path("experiment_id"));
        out.set("runs", body.path("runs"));
        out.set("next_cursor", body.path("next_cursor"));
        return ResponseEntity.ok(out);
    }

    /** Starts a run: training_submit with the body as the job and this experiment. */
    @PostMapping("/api/v1/experiments/{id}/runs")
    public ResponseEntity<JsonNode> startRun(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                             @RequestAttribute(RequestAttributes.TRACE_ID) String trace,
                                             @PathVariable String id, @RequestBody JsonNode body) {
        return tools.call(principal, trace, "training_submit", ToolRoutes.params(body, Map.of("experiment", id)));
    }

    @GetMapping("/api/v1/runs/{id}")
    public ResponseEntity<JsonNode> run(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                        @RequestAttribute(RequestAttributes.TRACE_ID) String trace, @PathVariable String id) {
        return tools.call(principal, trace, "training_get", ToolRoutes.params(Map.of("job_id", id)));
    }
}
