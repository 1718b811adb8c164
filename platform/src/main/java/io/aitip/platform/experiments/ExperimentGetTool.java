package io.aitip.platform.experiments;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One experiment with its runs (training jobs), each with status, hyperparameters and final metrics. */
@Component
public class ExperimentGetTool implements Tool<ExperimentGetTool.Input> {

    static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 100;
    /** At most this many metrics per run; the rest are counted in {@code metrics_omitted}. */
    static final int MAX_METRICS_PER_RUN = 20;

    public record Input(
            @Param(value = "The experiment's id (exp-…) or its unique name in the project.", required = true,
                    minLength = 1, maxLength = 200) String experiment,
            @Param(value = "Runs per page, newest first (default 20, at most 100).", min = 1, max = 100) Integer limit,
            @Param("The next_cursor of the previous page of runs; leave out for the newest runs.") String cursor) {
    }

    /** A run's final value of one metric, at the step it was last reported. */
    public record FinalMetric(double value, long step) {
    }

    public record Run(String jobId, String name, String model, String status, String statusMessage, String datasetId,
                      String datasetVersion, TrainingConfig config, String checkpointPath,
                      Map<String, FinalMetric> finalMetrics, Integer metricsOmitted, Instant createdAt, Instant endedAt) {
    }

    /** The experiment, its run counts by status, and one page of runs. */
    public record Result(ExperimentView experiment, long runCount, Map<String, Long> runsByStatus, List<Run> runs,
                         String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("experiment_get")
            .toolset("experiments")
            .title("Get an experiment")
            .description("Returns one experiment by id or name with its runs (training jobs submitted with this "
                    + "experiment), newest first: status, hyperparameters, checkpoint and final metric values of each "
                    + "run. Call experiment_compare with 2 or more job ids for best values and curves side by side, "
                    + "model_register to register the winning run.")
            .readOnly()
            .permission("experiments:read")
            .example("en", "Show the experiment lr-sweep", Map.of("experiment", "lr-sweep"))
            .example("en", "What runs does exp-1a2b3c4d have?", Map.of("experiment", "exp-1a2b3c4d"))
            .example("zh", "查看实验 warmup-ablation 的结果", Map.of("experiment", "warmup-ablation"))
            .example("zh", "实验 exp-1a2b3c4d 里最近的 5 次运行", Map.of("experiment", "exp-1a2b3c4d", "limit", 5))
            .build();

    private final ExperimentService experiments;
    private final RunMetricStore metrics;

    public ExperimentGetTool(ExperimentService experiments, RunMetricStore metrics) {
        this.experiments = experiments;
        this.metrics = metrics;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        Scope scope = Scope.of(context);
        Experiment experiment = experiments.require(scope, input.experiment());
        int limit = input.limit() == null ? DEFAULT_RUNS : Math.max(1, Math.min(MAX_RUNS, input.limit()));
        List<ExperimentStore.Run> rows = experiments.store().runs(scope, experiment.id(), limit + 1,
                Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.jobId()).encode());
        rows = KeysetPages.page(rows, limit);
        Map<String, Map<String, RunMetricStore.Final>> finals = metrics.finals(
                rows.stream().map(ExperimentStore.Run::jobId).toList());
        List<Run> runs = rows.stream().map(r -> {
            Map<String, FinalMetric> values = new java.util.TreeMap<>();
            Map<String, RunMetricStore.Final> reported = finals.getOrDefault(r.jobId(), Map.of());
            for (Map.Entry<String, RunMetricStore.Final> e : reported.entrySet()) {
                if (values.size() < MAX_METRICS_PER_RUN) {
                    values.put(e.getKey(), new FinalMetric(e.getValue().value(), e.getValue().step()));
                }
            }
            Integer omitted = reported.size() > values.size() ? reported.size() - values.size() : null;
            return new Run(r.jobId(), r.name(), r.model(), r.status(), r.statusMessage(), r.datasetId(),
                    r.datasetVersion(), r.config(), r.checkpointPath(), values, omitted, r.createdAt(), r.endedAt());
        }).toList();
        Map<String, Long> byStatus = experiments.store().runCounts(scope, experiment.id());
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Result(ExperimentView.of(experiment), total, byStatus, runs, next);
    }
}
