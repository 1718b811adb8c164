package io.aitip.platform.training;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Cancels a waiting job or terminates a running one. */
@Component
public class TrainingStopTool implements Tool<TrainingStopTool.Input> {

    public record Input(
            @Param(value = "The job id, train-….", required = true, minLength = 1, maxLength = 100) String jobId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_stop")
            .toolset("training")
            .title("Stop a training job")
            .description("Stops a training job: a pending or queued job is cancelled before it starts; a running job's "
                    + "whole process tree is terminated (SIGTERM, then SIGKILL after a grace period). The job ends as "
                    + "'cancelled' and its GPUs go to the next queued job. Progress since the last checkpoint is lost. "
                    + "A job that already ended gives CONFLICT. Returns the job; see training_logs for its last output.")
            .destructive()
            .permission("training:write")
            .example("en", "Stop training job train-7f3a2c01", Map.of("job_id", "train-7f3a2c01"))
            .example("en", "Cancel train-1a2b3c4d, it is using the wrong dataset", Map.of("job_id", "train-1a2b3c4d"))
            .example("zh", "停止训练任务 train-7f3a2c01", Map.of("job_id", "train-7f3a2c01"))
            .example("zh", "取消 train-1a2b3c4d 这个任务", Map.of("job_id", "train-1a2b3c4d"))
            .build();

    private final TrainingService training;

    public TrainingStopTool(TrainingService training) {
        this.training = training;
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
        return JobView.of(training.stop(Scope.of(context), input.jobId()));
    }
}
