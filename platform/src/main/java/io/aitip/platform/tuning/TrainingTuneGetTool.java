package io.aitip.platform.tuning;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A search's status, best trial and trials; optionally waits for it to end. */
@Component
public class TrainingTuneGetTool implements Tool<TrainingTuneGetTool.Input> {

    static final long POLL_MILLIS = 500;

    public record Input(
            @Param(value = "The search's id, tune-….", required = true, minLength = 1, maxLength = 100) String tuneId,
            @Param(value = "Wait up to this many seconds for the search to end (default 0: answer at once), reporting "
                    + "trials done as progress.", min = 0, max = 600) Integer waitSeconds) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_tune_get")
            .toolset("training")
            .title("Hyperparameter search status")
            .description("Returns a hyperparameter search started by training_tune: status (running, succeeded, failed, "
                    + "cancelled), the best trial so far with its values, job_id and objective, and every trial with "
                    + "its job and score (stopped_early trials were cut by the median rule). With wait_seconds it blocks "
                    + "until the search ends or the time passes. Register the best trial with model_register job_id.")
            .readOnly()
            .longRunning()
            .permission("training:read")
            .example("en", "How is tune-1a2b3c4d doing?", Map.of("tune_id", "tune-1a2b3c4d"))
            .example("en", "Wait up to 5 minutes for tune-1a2b3c4d and show the best trial",
                    Map.of("tune_id", "tune-1a2b3c4d", "wait_seconds", 300))
            .example("zh", "查看超参搜索 tune-1a2b3c4d 的最佳结果", Map.of("tune_id", "tune-1a2b3c4d"))
            .example("zh", "等 tune-1a2b3c4d 跑完，最多等两分钟", Map.of("tune_id", "tune-1a2b3c4d", "wait_seconds", 120))
            .build();

    private final TuneService tunes;

    public TrainingTuneGetTool(TuneService tunes) {
        this.tunes = tunes;
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
        long deadline = System.nanoTime() + (input.waitSeconds() == null ? 0 : input.waitSeconds()) * 1_000_000_000L;
        Tune tune = tunes.require(scope, input.tuneId());
        List<Trial> trials = tunes.trials(tune);
        while (tune.running() && System.nanoTime() < deadline) {
            context.checkCancelled();
            long done = trials.stream().filter(t -> t.status().done()).count();
            context.progress(done, (double) trials.size(), tune.id() + ": " + done + " of " + trials.size()
                    + " trials done");
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolContext.CancelledException();
            }
            tune = tunes.require(scope, tune.id());
            trials = tunes.trials(tune);
        }
        return TuneView.of(tune, trials);
    }
}
