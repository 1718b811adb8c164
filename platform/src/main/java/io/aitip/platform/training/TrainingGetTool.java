package io.aitip.platform.training;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One training job: what it runs, where it stands, where its checkpoint is. */
@Component
public class TrainingGetTool implements Tool<TrainingGetTool.Input> {

    public record Input(
            @Param(value = "The job id, train-….", required = true, minLength = 1, maxLength = 100) String jobId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_get")
            .toolset("training")
            .title("Get a training job")
            .description("Returns one training job: status and status_message, configuration, resources and assigned "
                    + "GPUs, exit code and checkpoint_path once it ended. Call training_logs or training_metrics for "
                    + "its output, training_wait to block until it ends.")
            .readOnly()
            .permission("training:read")
            .example("en", "What is the status of train-7f3a2c01?", Map.of("job_id", "train-7f3a2c01"))
            .example("en", "Show me the details of training job train-1a2b3c4d", Map.of("job_id", "train-1a2b3c4d"))
            .example("zh", "训练任务 train-7f3a2c01 现在什么状态？", Map.of("job_id", "train-7f3a2c01"))
            .example("zh", "查看 train-1a2b3c4d 的详情", Map.of("job_id", "train-1a2b3c4d"))
            .build();

    private final TrainingService training;

    public TrainingGetTool(TrainingService training) {
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
        return JobView.of(training.require(Scope.of(context), input.jobId()));
    }
}
