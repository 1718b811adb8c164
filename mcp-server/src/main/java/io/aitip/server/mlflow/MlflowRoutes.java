package io.aitip.server.mlflow;

import io.aitip.platform.experiments.Experiment;
import io.aitip.platform.experiments.ExperimentService;
import io.aitip.platform.runs.RunService;
import io.aitip.platform.runs.RunStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingJob;
import io.aitip.server.web.RequestAttributes;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MLflow-compatible REST subset (the tracking calls an unmodified MLflow client makes), mapped
 * onto AITIP: an MLflow experiment is an experiment, a run is a training job (runs/create makes an
 * external one), metrics go to the job's series, params and tags to the run. Bearer authentication
 * as on every /api route; the policy decides as for the experiment tools (see decision 0009).
 */
@RestController
@RequestMapping("/api/2.0/mlflow")
public class MlflowRoutes {

    private final ExperimentService experiments;
    private final RunService runs;
    private final MlflowAccess access;

    MlflowRoutes(ExperimentService experiments, RunService runs, MlflowAccess access) {
        this.experiments = experiments;
        this.runs = runs;
        this.access = access;
    }

    @PostMapping("/experiments/create")
    public ObjectNode createExperiment(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                       @RequestBody JsonNode body) {
        access.write(principal);
        Experiment e = experiments.create(Scope.of(principal), text(body, "name", true), null, null);
        return Json.object().put("experiment_id", e.id());
    }

    @GetMapping("/experiments/get-by-name")
    public ObjectNode experimentByName(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                       @RequestParam("experiment_name") String name) {
        return experiment(principal, name);
    }

    @GetMapping("/experiments/get")
    public ObjectNode experimentById(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                     @RequestParam("experiment_id") String id) {
        return experiment(principal, id);
    }

    private ObjectNode experiment(Principal principal, String ref) {
        access.read(principal);
        ObjectNode out = Json.object();
        out.set("experiment", MlflowViews.experiment(experiments.require(Scope.of(principal), ref)));
        return out;
    }

    @PostMapping("/runs/create")
    public ObjectNode createRun(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                @RequestBody JsonNode body) {
        access.write(principal);
        long start = number(body, "start_time", 0);
        Map<String, String> tags = pairs(body.path("tags"));
        String name = text(body, "run_name", false);
        if (name == null) {
            name = tags.get("mlflow.runName");
        }
        TrainingJob run = runs.create(Scope.of(principal), text(body, "experiment_id", true), name,
                start > 0 ? Instant.ofEpochMilli(start) : null, tags);
        return wrap("run", view(run));
    }

    @PostMapping("/runs/update")
    public ObjectNode updateRun(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                @RequestBody JsonNode body) {
        access.write(principal);
        String status = text(body, "status", false);
        RunService.EndStatus end;
        try {
            end = status == null ? null : RunService.EndStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ToolException.invalid("/status", "status must be RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.");
        }
        TrainingJob run = runs.update(Scope.of(principal), runId(body), end, text(body, "run_name", false));
        return wrap("run_info", MlflowViews.info(run));
    }

    @PostMapping("/runs/log-metric")
    public ObjectNode logMetric(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                @RequestBody JsonNode body) {
        access.write(principal);
        runs.log(Scope.of(principal), runId(body), List.of(metric(body, "")), Map.of(), Map.of());
        return Json.object();
    }

    @PostMapping("/runs/log-batch")
    public ObjectNode logBatch(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                               @RequestBody JsonNode body) {
        access.write(principal);
        List<RunStore.Metric> metrics = new ArrayList<>();
        int i = 0;
        for (JsonNode m : body.path("metrics")) {
            metrics.add(metric(m, "/metrics/" + i++));
        }
        runs.log(Scope.of(principal), runId(body), metrics, pairs(body.path("params")), pairs(body.path("tags")));
        return Json.object();
    }

    @PostMapping("/runs/log-parameter")
    public ObjectNode logParam(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                               @RequestBody JsonNode body) {
        access.write(principal);
        runs.log(Scope.of(principal), runId(body), List.of(), Map.of(text(body, "key", true), text(body, "value", true)),
                Map.of());
        return Json.object();
    }

    @PostMapping("/runs/set-tag")
    public ObjectNode setTag(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                             @RequestBody JsonNode body) {
        access.write(principal);
        runs.log(Scope.of(principal), runId(body), List.of(), Map.of(), Map.of(text(body, "key", true),
                text(body, "value", true)));
        return Json.object();
    }

    @GetMapping("/runs/get")
    public ObjectNode getRun(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                             @RequestParam(name = "run_id", required = false) String runId,
                             @RequestParam(name = "run_uuid", required = false) String runUuid) {
        access.read(principal);
        return wrap("run", view(runs.require(Scope.of(principal), runId != null ? runId : runUuid)));
    }

    @PostMapping("/runs/search")
    public ObjectNode searchRuns(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                 @RequestBody JsonNode body) {
        access.read(principal);
        Scope scope = Scope.of(principal);
        List<String> ids = new ArrayList<>();
        for (JsonNode id : body.path("experiment_ids")) {
            ids.add(experiments.require(scope, id.asString()).id());
        }
        List<String> orderBy = new ArrayList<>();
        body.path("order_by").forEach(o -> orderBy.add(o.asString()));
        return MlflowSearch.search(runs, scope, ids, text(body, "filter", false), (int) number(body, "max_results", 1000),
                orderBy, text(body, "page_token", false));
    }

    /** Written straight to text: a 100k-point history is most of its time in JSON building otherwise. */
    @GetMapping(value = "/metrics/get-history", produces = "application/json")
    public String metricHistory(@RequestAttribute(RequestAttributes.PRINCIPAL) Principal principal,
                                @RequestParam(name = "run_id", required = false) String runId,
                                @RequestParam(name = "run_uuid", required = false) String runUuid,
                                @RequestParam("metric_key") String key,
                                @RequestParam(name = "max_results", required = false) Integer maxResults,
                                @RequestParam(name = "page_token", required = false) String pageToken) {
        access.read(principal);
        TrainingJob run = runs.require(Scope.of(principal), runId != null ? runId : runUuid);
        int limit = maxResults == null ? MlflowSearch.MAX_HISTORY : Math.max(1, Math.min(MlflowSearch.MAX_HISTORY, maxResults));
        int offset = MlflowSearch.offset(pageToken);
        List<RunStore.Metric> points = runs.store().history(run.id(), key, offset, limit + 1);
        String quotedKey = Json.write(key);
        StringBuilder out = new StringBuilder(64 + 80 * Math.min(points.size(), limit)).append("{\"metrics\":[");
        for (int i = 0; i < Math.min(points.size(), limit); i++) {
            RunStore.Metric m = points.get(i);
            out.append(i == 0 ? "" : ",").append("{\"key\":").append(quotedKey).append(",\"value\":").append(m.value())
                    .append(",\"timestamp\":").append(m.timestampMs()).append(",\"step\":").append(m.step()).append('}');
        }
        out.append(']');
        if (points.size() > limit) {
            out.append(",\"next_page_token\":\"").append(MlflowSearch.token(offset + limit)).append('"');
        }
        return out.append('}').toString();
    }

    /** MLflow's error shape: {@code {"error_code", "message"}} with its HTTP status. */
    @ExceptionHandler(ToolException.class)
    public ResponseEntity<Map<String, Object>> error(ToolException e) {
        ToolError error = e.error();
        String code = switch (error.code()) {
            case NOT_FOUND -> "RESOURCE_DOES_NOT_EXIST";
            case CONFLICT -> "RESOURCE_ALREADY_EXISTS";
            case PERMISSION_DENIED -> "PERMISSION_DENIED";
            case UNAUTHENTICATED -> "UNAUTHENTICATED";
            case INVALID_ARGUMENTS -> "INVALID_PARAMETER_VALUE";
            default -> "INTERNAL_ERROR";
        };
        int status = switch (error.code()) {
            case NOT_FOUND -> 404;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case INVALID_ARGUMENTS, CONFLICT -> 400;
            default -> 500;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", error.message());
        return ResponseEntity.status(status).body(body);
    }

    private ObjectNode view(TrainingJob run) {
        List<String> id = List.of(run.id());
        return MlflowViews.run(run, runs.store().latest(id).get(run.id()),
                MlflowViews.params(run, runs.store().keyValues("run_params", id).get(run.id())),
                runs.store().keyValues("run_tags", id).get(run.id()));
    }

    private static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode out = Json.object();
        out.set(field, value);
        return out;
    }

    private static String runId(JsonNode body) {
        String id = text(body, "run_id", false);
        return id != null ? id : text(body, "run_uuid", true);
    }

    private static RunStore.Metric metric(JsonNode m, String at) {
        JsonNode value = m.path("value");
        double v;
        if (value.isNumber()) {
            v = value.asDouble();
        } else if (value.isString()) {
            // proto3 JSON writes NaN and infinities as strings
            try {
                v = Double.parseDouble(value.asString());
            } catch (NumberFormatException e) {
                throw ToolException.invalid(at + "/value", "value must be a number.");
            }
        } else {
            throw ToolException.invalid(at + "/value", "Give the metric's value as a number.");
        }
        long timestamp = number(m, "timestamp", 0);
        return new RunStore.Metric(text(m, "key", true), v, timestamp > 0 ? timestamp : System.currentTimeMillis(),
                number(m, "step", 0));
    }

    private static Map<String, String> pairs(JsonNode array) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : array) {
            out.put(text(p, "key", true), p.path("value").isMissingNode() || p.path("value").isNull() ? ""
                    : p.path("value").asString());
        }
        return out;
    }

    static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isEmpty())) {
            if (required) {
                throw new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, "Missing value for required field '"
                        + field + "'.", "/" + field));
            }
            return null;
        }
        return node.asString();
    }

    /** int64 fields come as JSON numbers or, from proto3 JSON writers, as strings. */
    static long number(JsonNode body, String field, long otherwise) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asString().trim());
        } catch (RuntimeException e) {
            throw ToolException.invalid("/" + field, field + " must be an integer.");
        }
    }
}
