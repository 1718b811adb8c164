package io.aitip.platform.training;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Blocks until a job ends or a timeout passes, reporting progress meanwhile. */
@Component
public class TrainingWaitTool implements Tool<TrainingWaitTool.Input> {

    static final long POLL_MILLIS = 250;

    public record Input(
            @Param(value = "The job id, train-….", required = true, minLength = 1, maxLength = 100) String jobId,
            @Param(value = "Longest wait in seconds (default 60, at most 600).", min = 1, max = 600) Integer timeoutSeconds) {
    }

    /** The job as it stands; {@code finished} is false when the timeout passed first. */
    public record Result(JobView job, boolean finished, double waitedSeconds) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_wait")
            .toolset("training")
            .title("Wait for a training job")
            .description("Waits until a training job succeeds, fails or is cancelled, or until timeout_seconds pass "
                    + "(default 60, at most 600), sending progress (epochs or steps done) while it runs. Returns the job "
                    + "and finished=true/false; if not finished, call it again. Afterwards read training_metrics for "
                    + "results or training_logs for the reason of a failure.")
            .readOnly()
            .longRunning()
            .permission("training:read")
            .example("en", "Wait for train-7f3a2c01 to finish", Map.of("job_id", "train-7f3a2c01"))
            .example("en", "Wait up to 5 minutes for train-1a2b3c4d", Map.of("job_id", "train-1a2b3c4d", "timeout_seconds", 300))
            .example("zh", "等训练任务 train-7f3a2c01 跑完", Map.of("job_id", "train-7f3a2c01"))
            .example("zh", "等待 train-1a2b3c4d 最多两分钟", Map.of("job_id", "train-1a2b3c4d", "timeout_seconds", 120))
            .build();

    private final TrainingService training;
    private final JobMetricStore metrics;

    public TrainingWaitTool(TrainingService training, JobMetricStore metrics) {
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
        Scope scope = Scope.of(context);
        long started = System.nanoTime();
        long deadline = started + (input.timeoutSeconds() == null ? 60 : input.timeoutSeconds()) * 1_000_000_000L;
        TrainingJob job = training.require(scope, input.jobId());
        while (!job.status().terminal() && System.nanoTime() < deadline) {
            context.checkCancelled();
            report(context, job);
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolContext.CancelledException();
            }
            job = training.require(scope, job.id());
        }
        report(context, job);
        return new Result(JobView.of(job), job.status().terminal(), (System.nanoTime() - started) / 1e9);
    }

    /** Epochs done of the configured epochs, else steps done of max_steps, else steps alone. */
    private void report(ToolContext context, TrainingJob job) {
        String message = job.id() + " " + job.status().wire();
        Integer epochs = job.config().epochs();
        Optional<MetricPoint> epoch = metrics.latest(job.id(), "epoch");
        if (epochs != null && epoch.isPresent()) {
            context.progress(epoch.get().value(), epochs.doubleValue(), message + ", epoch " + (long) epoch.get().value()
                    + " of " + epochs);
            return;
        }
        Optional<MetricPoint> step = metrics.latest(job.id(), "loss").or(() -> epoch);
        Integer maxSteps = job.config().maxSteps();
        double done = step.map(p -> (double) p.step()).orElse(0.0);
        context.progress(done, maxSteps == null ? null : maxSteps.doubleValue(),
                step.isPresent() ? message + ", step " + (long) done : message);
    }
}
