package io.aitip.platform.experiments;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Compares 2..20 training runs metric by metric: final, best, min and max of each run, which run is
 * best, and downsampled curves. Reads only summaries and the points it returns, so long runs stay fast.
 */
@Component
public class ExperimentCompareTool implements Tool<ExperimentCompareTool.Input> {

    static final int MIN_RUNS = 2;
    static final int MAX_RUNS = 20;
    static final int DEFAULT_POINTS = 200;
    static final int MAX_POINTS = 2000;
    /** At most this many metrics are compared at once; the rest are named in {@code metrics_omitted}. */
    static final int MAX_METRICS = 20;
    /** At most this many history points in one answer, over all runs and metrics. */
    static final int MAX_TOTAL_POINTS = 20_000;

    public record Input(
            @Param(value = "The training job ids (train-…) of the runs to compare: 2 to 20, e.g. the runs listed by "
                    + "experiment_get.", required = true, maxItems = MAX_RUNS) List<String> runs,
            @Param(value = "Compare only this metric, e.g. 'val_loss'. Leave out to compare every metric all runs "
                    + "report.", minLength = 1, maxLength = 100) String metric,
            @Param(value = "Most history points per run and metric (default 200, at most 2000), spread evenly over "
                    + "the run; the final point is always included.", min = 1, max = MAX_POINTS) Integer historyPoints) {
    }

    /** One run's side of the table. */
    public record Run(String jobId, String name, String status, String experimentId, String model,
                      TrainingConfig config, Map<String, RunMetricStore.Summary> metrics) {
    }

    /** The best run of a metric: the lowest value for loss-like metrics, else the highest. */
    public record Leader(String jobId, double best, String bestIs) {
    }

    public record Result(List<String> metrics, List<Run> runs, Map<String, Leader> leaders, int historyPoints,
                         List<String> metricsOmitted, Map<String, List<String>> missing, String note) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("experiment_compare")
            .toolset("experiments")
            .title("Compare training runs")
            .description("Compares 2 to 20 training runs (job ids) on their metrics: for each run and metric the final, "
                    + "best (min for loss-like names, else max), min and max value and a downsampled history, plus the "
                    + "leading run per metric. Without `metric` it compares the metrics every run reports. Call "
                    + "model_register with the best run's job_id to register it as a model version.")
            .readOnly()
            .permission("experiments:read")
            .example("en", "Compare train-1a2b3c4d and train-5e6f7a8b",
                    Map.of("runs", List.of("train-1a2b3c4d", "train-5e6f7a8b")))
            .example("en", "Which of train-1a2b3c4d, train-5e6f7a8b and train-9c0d1e2f has the lowest val_loss?",
                    Map.of("runs", List.of("train-1a2b3c4d", "train-5e6f7a8b", "train-9c0d1e2f"), "metric", "val_loss"))
            .example("zh", "对比 train-1a2b3c4d 和 train-5e6f7a8b 的 loss 曲线，每条最多 50 个点",
                    Map.of("runs", List.of("train-1a2b3c4d", "train-5e6f7a8b"), "metric", "loss", "history_points", 50))
            .example("zh", "比较这两次训练 train-1a2b3c4d train-5e6f7a8b 的准确率",
                    Map.of("runs", List.of("train-1a2b3c4d", "train-5e6f7a8b"), "metric", "accuracy"))
            .build();

    private final TrainingJobStore jobs;
    private final RunMetricStore metrics;

    public ExperimentCompareTool(TrainingJobStore jobs, RunMetricStore metrics) {
        this.jobs = jobs;
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
        List<TrainingJob> runs = resolve(scope, input.runs());
        List<String> ids = runs.stream().map(TrainingJob::id).toList();
        Map<String, Map<String, RunMetricStore.Final>> finals = metrics.finals(ids);

        Set<String> union = new TreeSet<>();
        finals.values().forEach(m -> union.addAll(m.keySet()));
        List<String> names;
        Map<String, List<String>> missing = new LinkedHashMap<>();
        String note = null;
        if (input.metric() != null) {
            String metric = input.metric().trim();
            if (!union.contains(metric)) {
                throw ToolException.invalid("/metric", "None of these runs reports a metric named '" + metric + "'. "
                        + (union.isEmpty() ? "They have reported no metrics yet; see training_logs."
                        : "They report: " + String.join(", ", first(union, 30)) + ". Pass one of these, or leave "
                        + "metric out to compare every metric all runs report."));
            }
            names = List.of(metric);
            List<String> without = ids.stream().filter(id -> !finals.getOrDefault(id, Map.of()).containsKey(metric))
                    .toList();
            if (!without.isEmpty()) {
                missing.put(metric, without);
            }
        } else {
            Set<String> common = new TreeSet<>(union);
            for (String id : ids) {
                common.retainAll(finals.getOrDefault(id, Map.of()).keySet());
            }
            names = new ArrayList<>(common);
            if (names.isEmpty()) {
                note = union.isEmpty() ? "None of these runs has reported metrics yet; see training_logs, or wait with "
                        + "training_wait." : "No metric is reported by every run. Pass `metric` to compare one of: "
                        + String.join(", ", first(union, 30)) + ".";
            }
        }
        List<String> omitted = null;
        if (names.size() > MAX_METRICS) {
            omitted = List.copyOf(names.subList(MAX_METRICS, names.size()));
            names = List.copyOf(names.subList(0, MAX_METRICS));
        }
        int asked = input.historyPoints() == null ? DEFAULT_POINTS : Math.max(1, Math.min(MAX_POINTS, input.historyPoints()));
        int points = asked;
        if (!names.isEmpty()) {
            points = Math.max(1, Math.min(asked, MAX_TOTAL_POINTS / (runs.size() * names.size())));
            if (points < asked) {
                note = "history_points was lowered from " + asked + " to " + points + " so the answer stays under "
                        + MAX_TOTAL_POINTS + " points; compare fewer runs or pass `metric` for longer curves.";
            }
        }
        if (omitted != null) {
            String more = "Only the first " + MAX_METRICS + " common metrics are compared (see metrics_omitted); pass "
                    + "`metric` for another one.";
            note = note == null ? more : note + " " + more;
        }

        List<Run> table = new ArrayList<>();
        Map<String, Leader> leaders = new LinkedHashMap<>();
        for (TrainingJob job : runs) {
            context.checkCancelled();
            Map<String, RunMetricStore.Summary> summaries = metrics.summaries(job.id(), names, points);
            table.add(new Run(job.id(), job.name(), job.status().wire(), job.experimentId(), job.model(), job.config(),
                    summaries));
            for (Map.Entry<String, RunMetricStore.Summary> e : summaries.entrySet()) {
                RunMetricStore.Summary s = e.getValue();
                Leader current = leaders.get(e.getKey());
                boolean lower = "min".equals(s.bestIs());
                if (current == null || (lower ? s.best() < current.best() : s.best() > current.best())) {
                    leaders.put(e.getKey(), new Leader(job.id(), s.best(), s.bestIs()));
                }
            }
        }
        return new Result(names, table, leaders, points, omitted, missing.isEmpty() ? null : missing, note);
    }

    /** The caller's jobs in the order given; INVALID for too few or repeated ids, NOT_FOUND for unknown ones. */
    private List<TrainingJob> resolve(Scope scope, List<String> refs) {
        if (refs == null || refs.size() < MIN_RUNS) {
            throw ToolException.invalid("/runs", "Give at least " + MIN_RUNS + " training job ids (train-…) to compare; "
                    + "experiment_get lists an experiment's runs. For one run's curves call training_metrics.");
        }
        if (refs.size() > MAX_RUNS) {
            throw ToolException.invalid("/runs", "Compare at most " + MAX_RUNS + " runs at once.");
        }
        Set<String> seen = new HashSet<>();
        List<TrainingJob> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i) == null ? "" : refs.get(i).trim();
            if (!seen.add(ref)) {
                throw ToolException.invalid("/runs/" + i, "Run '" + ref + "' is listed twice; list each run once.");
            }
            int index = i;
            out.add(jobs.find(scope, ref).orElseThrow(() -> new ToolException(ToolError.at(ErrorCode.NOT_FOUND,
                    "Training job '" + ref + "' was not found. Check the ids with experiment_get or training_list.",
                    "/runs/" + index))));
        }
        return out;
    }

    private static List<String> first(Set<String> names, int n) {
        return names.stream().limit(n).toList();
    }
}
