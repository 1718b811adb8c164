package io.aitip.server.mlflow;

import io.aitip.platform.experiments.Experiment;
import io.aitip.platform.runs.RunStore;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.tools.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** AITIP experiments and runs in the JSON shapes of MLflow's REST API (proto3 JSON names). */
final class MlflowViews {

    private MlflowViews() {
    }

    static ObjectNode experiment(Experiment e) {
        ObjectNode node = Json.object();
        node.put("experiment_id", e.id());
        node.put("name", e.name());
        node.put("artifact_location", "");
        node.put("lifecycle_stage", "active");
        node.put("creation_time", e.createdAt().toEpochMilli());
        node.put("last_update_time", e.createdAt().toEpochMilli());
        node.putArray("tags");
        return node;
    }

    static String status(JobStatus s) {
        return switch (s) {
            case PENDING, QUEUED -> "SCHEDULED";
            case RUNNING -> "RUNNING";
            case SUCCEEDED -> "FINISHED";
            case FAILED -> "FAILED";
            case CANCELLED -> "KILLED";
        };
    }

    static long startTime(TrainingJob j) {
        return (j.startedAt() != null ? j.startedAt() : j.createdAt()).toEpochMilli();
    }

    static ObjectNode info(TrainingJob j) {
        ObjectNode node = Json.object();
        node.put("run_id", j.id());
        node.put("run_uuid", j.id());
        node.put("experiment_id", j.experimentId() == null ? "" : j.experimentId());
        node.put("run_name", j.name());
        node.put("user_id", j.ownerId());
        node.put("status", status(j.status()));
        node.put("start_time", startTime(j));
        if (j.endedAt() != null) {
            node.put("end_time", j.endedAt().toEpochMilli());
        }
        node.put("artifact_uri", j.checkpointPath() == null ? "" : j.checkpointPath());
        node.put("lifecycle_stage", "active");
        return node;
    }

    /** Params: what was logged, plus the hyperparameters of the job's config (executor jobs have only those). */
    static Map<String, String> params(TrainingJob j, Map<String, String> logged) {
        Map<String, String> params = new TreeMap<>();
        TrainingConfig c = j.config();
        put(params, "learning_rate", c.learningRate());
        put(params, "batch_size", c.batchSize());
        put(params, "epochs", c.epochs());
        put(params, "warmup_steps", c.warmupSteps());
        put(params, "weight_decay", c.weightDecay());
        put(params, "seed", c.seed());
        put(params, "max_steps", c.maxSteps());
        if (logged != null) {
            params.putAll(logged);
        }
        return params;
    }

    private static void put(Map<String, String> params, String key, Number value) {
        if (value != null) {
            params.put(key, value.toString());
        }
    }

    static ObjectNode run(TrainingJob j, List<RunStore.Metric> latest, Map<String, String> params, Map<String, String> tags) {
        ObjectNode run = Json.object();
        run.set("info", info(j));
        ObjectNode data = run.putObject("data");
        ArrayNode metrics = data.putArray("metrics");
        for (RunStore.Metric m : latest == null ? List.<RunStore.Metric>of() : latest) {
            metrics.add(metric(m));
        }
        data.set("params", pairs(params));
        data.set("tags", pairs(tags == null ? Map.of() : tags));
        run.putObject("inputs");
        return run;
    }

    static ObjectNode metric(RunStore.Metric m) {
        ObjectNode node = Json.object();
        node.put("key", m.key());
        node.put("value", m.value());
        node.put("timestamp", m.timestampMs());
        node.put("step", m.step());
        return node;
    }

    private static ArrayNode pairs(Map<String, String> values) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        values.forEach((k, v) -> out.addObject().put("key", k).put("value", v));
        return out;
    }
}
