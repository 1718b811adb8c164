package io.aitip.platform.runs;

import io.aitip.platform.experiments.Experiment;
import io.aitip.platform.experiments.ExperimentService;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.tuning.HyperParameter;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Runs logged from outside the executor (the MLflow-compatible API): creating them in an
 * experiment, logging metrics, params and tags, and ending them. Params named like training config
 * fields (learning_rate, batch_size, epochs, …) also land in the run's config, so
 * experiment_compare shows them as it does for executor jobs. Errors are tool errors (code, message).
 */
@Service
public class RunService {

    public static final int MAX_METRICS = 1000;
    public static final int MAX_PARAMS = 100;
    public static final int MAX_TAGS = 100;
    static final int MAX_KEY = 250;
    static final int MAX_VALUE = 6000;

    /** How a run ends; RUNNING and SCHEDULED leave it running. */
    public enum EndStatus { RUNNING, SCHEDULED, FINISHED, FAILED, KILLED }

    private final RunStore store;
    private final TrainingJobStore jobs;
    private final JobStateMachine states;
    private final ExperimentService experiments;

    public RunService(RunStore store, TrainingJobStore jobs, JobStateMachine states, ExperimentService experiments) {
        this.store = store;
        this.jobs = jobs;
        this.states = states;
        this.experiments = experiments;
    }

    public RunStore store() {
        return store;
    }

    public TrainingJob create(Scope scope, String experimentId, String runName, Instant start, Map<String, String> tags) {
        if (experimentId == null || experimentId.isBlank()) {
            throw ToolException.invalid("/experiment_id", "Give the experiment_id of an experiment (experiments/create or "
                    + "experiments/get-by-name return it).");
        }
        Experiment experiment = experiments.require(scope, experimentId);
        checkKeys("/tags", tags, MAX_TAGS);
        TrainingJob run = store.createExternal(scope, experiment.id(), runName, start == null ? Instant.now() : start);
        if (!tags.isEmpty()) {
            store.putTags(run.id(), tags);
        }
        return run;
    }

    /** The caller's run (an external run or an executor job), or NOT_FOUND. */
    public TrainingJob require(Scope scope, String runId) {
        if (runId == null || runId.isBlank()) {
            throw ToolException.invalid("/run_id", "Give run_id: the id runs/create returned (train-…).");
        }
        return jobs.find(scope, runId).orElseThrow(() -> ToolException.notFound("Run", runId,
                "Check the run_id; runs/search lists an experiment's runs."));
    }

    public void log(Scope scope, String runId, List<RunStore.Metric> metrics, Map<String, String> params,
                    Map<String, String> tags) {
        TrainingJob run = require(scope, runId);
        if (metrics.size() > MAX_METRICS) {
            throw ToolException.invalid("/metrics", "At most " + MAX_METRICS + " metrics per batch; send the rest in "
                    + "another log-batch call.");
        }
        checkKeys("/params", params, MAX_PARAMS);
        checkKeys("/tags", tags, MAX_TAGS);
        for (int i = 0; i < metrics.size(); i++) {
            RunStore.Metric m = metrics.get(i);
            checkKey("/metrics/" + i + "/key", m.key());
            if (!Double.isFinite(m.value())) {
                throw ToolException.invalid("/metrics/" + i + "/value", "Metric '" + m.key() + "' has value " + m.value()
                        + "; only finite numbers are stored.");
            }
        }
        if (!params.isEmpty()) {
            List<String> changed = store.putParams(run.id(), params);
            if (!changed.isEmpty()) {
                throw ToolException.invalid("/params", "Params are immutable: " + String.join(", ", changed)
                        + " were logged before with another value. Log a new key, or start a new run.");
            }
            String config = hyperparameters(params);
            if (config != null) {
                store.mergeConfig(run.id(), config);
            }
        }
        if (!tags.isEmpty()) {
            store.putTags(run.id(), tags);
        }
        if (!metrics.isEmpty()) {
            store.appendMetrics(run.id(), metrics);
        }
    }

    /** Renames and/or ends an external run; the executor's jobs end only through the executor. */
    public TrainingJob update(Scope scope, String runId, EndStatus status, String runName) {
        TrainingJob run = require(scope, runId);
        if (runName != null && !runName.isBlank()) {
            store.rename(run.id(), runName.trim());
        }
        JobStatus to = switch (status == null ? EndStatus.RUNNING : status) {
            case FINISHED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case KILLED -> JobStatus.CANCELLED;
            default -> null;
        };
        if (to != null && run.status() != to) {
            if (!store.external(run.id())) {
                throw ToolException.invalid("/status", "Run " + run.id() + " is a job the executor runs; its status "
                        + "follows the process. Stop it with training_stop.");
            }
            if (run.status().terminal()) {
                throw ToolException.invalid("/status", "Run " + run.id() + " already ended as " + run.status().wire() + ".");
            }
            states.end(run.id(), to, JobChange.message("ended through the MLflow API as " + status));
        }
        return jobs.findById(run.id()).orElseThrow();
    }

    /** Params that name training config fields, as a JSON object for the config; null when none does. */
    static String hyperparameters(Map<String, String> params) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            String key = p.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
            if (key.equals("lr")) {
                key = "learning_rate";
            }
            HyperParameter h;
            try {
                h = HyperParameter.parse(key);
            } catch (IllegalArgumentException e) {
                continue;
            }
            try {
                double v = Double.parseDouble(p.getValue().trim());
                if (v < h.min() || v > h.max() || (h.integer() && v != Math.rint(v))) {
                    continue;
                }
                config.put(h.wire(), h.integer() ? (Object) (long) v : (Object) v);
            } catch (NumberFormatException e) {
                // not a number: kept as a param only
            }
        }
        return config.isEmpty() ? null : Json.write(config);
    }

    private static void checkKeys(String at, Map<String, String> values, int max) {
        if (values.size() > max) {
            throw ToolException.invalid(at, "At most " + max + " per call.");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            checkKey(at, e.getKey());
            if (e.getValue() == null || e.getValue().length() > MAX_VALUE) {
                throw ToolException.invalid(at, "The value of '" + e.getKey() + "' must be a string of at most "
                        + MAX_VALUE + " characters.");
            }
        }
    }

    private static void checkKey(String at, String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw ToolException.invalid(at, "Keys must be 1 to " + MAX_KEY + " characters.");
        }
    }
}
