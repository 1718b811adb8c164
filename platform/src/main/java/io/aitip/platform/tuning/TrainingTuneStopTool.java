package io.aitip.platform.tuning;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Ends a running search: cancels its pending trials and stops its running jobs. */
@Component
public class TrainingTuneStopTool implements Tool<TrainingTuneStopTool.Input> {

    public record Input(
            @Param(value = "The search's id, tune-….", required = true, minLength = 1, maxLength = 100) String tuneId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_tune_stop")
            .toolset("training")
            .title("Stop a hyperparameter search")
            .description("Stops a running hyperparameter search: its pending trials are cancelled and its running trial "
                    + "jobs are stopped (their progress is lost). Finished trials and the best so far stay readable with "
                    + "training_tune_get. Fails with CONFLICT when the search has already ended.")
            .destructive()
            .permission("training:write")
            .example("en", "Stop the hyperparameter search tune-1a2b3c4d", Map.of("tune_id", "tune-1a2b3c4d"))
            .example("en", "Cancel tune-5e6f7a8b, it is taking too long", Map.of("tune_id", "tune-5e6f7a8b"))
            .example("zh", "停止超参搜索 tune-1a2b3c4d", Map.of("tune_id", "tune-1a2b3c4d"))
            .example("zh", "取消 tune-5e6f7a8b 这次调参", Map.of("tune_id", "tune-5e6f7a8b"))
            .build();

    private final TuneService tunes;

    public TrainingTuneStopTool(TuneService tunes) {
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
        Tune tune = tunes.stop(Scope.of(context), input.tuneId());
        return TuneView.of(tune, tunes.trials(tune));
    }
}
