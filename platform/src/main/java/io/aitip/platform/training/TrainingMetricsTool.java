package io.aitip.platform.training;

import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A job's metric series (loss, accuracy, …), downsampled, with last and best values. */
@Component
public class TrainingMetricsTool implements Tool<TrainingMetricsTool.Input> {

    public record Input(
            @Param(value = "The job id, train-….", required = true, minLength = 1, maxLength = 100) String jobId,
            @Param(value = "Only series whose name contains this text, e.g. 'loss'.", maxLength = 100) String name,
            @Param(value = "Most points per series (default 50, at most 200), spread evenly over the run.", min = 1,
                    max = 200) Integer limit) {
    }

    /** Series name → points and summary; empty until the job reports metrics. */
    public record Result(String jobId, String status, Map<String, JobMetricStore.Series> series, int seriesCount) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_metrics")
            .toolset("training")
            .title("Training metrics")
            .description("Returns a training job's metric series (e.g. loss, accuracy, epoch) as step/value points, "
                    + "downsampled to `limit` points per series, with each series' last, min, max and best value (min "
                    + "for loss-like names, else max). Processes report metrics by printing lines "
                    + "'AITIP_METRIC {\"step\":1,\"loss\":0.5}'. Use training_logs for the raw output.")
            .readOnly()
            .permission("training:read")
            .example("en", "Show the loss curve of train-7f3a2c01", Map.of("job_id", "train-7f3a2c01", "name", "loss"))
            .example("en", "What accuracy did train-1a2b3c4d reach?", Map.of("job_id", "train-1a2b3c4d", "name", "accuracy"))
            .example("zh", "训练任务 train-7f3a2c01 的指标", Map.of("job_id", "train-7f3a2c01"))
            .example("zh", "看看 train-1a2b3c4d 的 loss 曲线，最多 20 个点",
                    Map.of("job_id", "train-1a2b3c4d", "name", "loss", "limit", 20))
            .build();

    private final TrainingService training;
    private final JobMetricStore metrics;

    public TrainingMetricsTool(TrainingService training, JobMetricStore metrics) {
        this.training = training;
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
        TrainingJob job = training.require(Scope.of(context), input.jobId());
        Map<String, JobMetricStore.Series> series = metrics.series(job.id(), input.name(), Limits.of(input.limit()));
        return new Result(job.id(), job.status().wire(), series, series.size());
    }
}
