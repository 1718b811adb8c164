package io.aitip.platform.training;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Risk;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Submits a training job to the executor (local processes or Kubernetes). */
@Component
public class TrainingSubmitTool implements Tool<TrainingSubmitTool.Input> {

    public record Resources(
            @Param("GPU type: t4, l4, a10g, a100, h100, h200 or rtx4090. Leave out to take any type with enough GPUs.")
            GpuType gpuType,
            @Param(value = "GPUs per node: 0 (the default) trains on CPU; 1 when only gpu_type is given.", min = 0, max = 64)
            Integer gpuCount,
            @Param(value = "CPU cores to reserve.", min = 0.1, max = 512) Double cpu,
            @Param(value = "Memory to reserve, in GiB.", min = 0.1, max = 4096) Double memoryGb) {
    }

    public record Input(
            @Param(value = "A name for the job; defaults to the model name and a short id.", maxLength = 200) String name,
            @Param(value = "The model to train or fine-tune, e.g. 'resnet50' or 'meta-llama/Llama-3-8B'.", required = true,
                    minLength = 1, maxLength = 300) String model,
            @Param(value = "Dataset id (ds-…) or unique name; the job records its latest version.", maxLength = 200)
            String dataset,
            @Param(value = "Framework, e.g. pytorch, tensorflow, jax, transformers.", maxLength = 50) String framework,
            @Param(value = "Shell command to run. Leave out (with image) to run the bundled example trainer with config.",
                    maxLength = 8000) String command,
            @Param(value = "Container image (Kubernetes executor).", maxLength = 500) String image,
            @Param("Hyperparameters, passed to the process as AITIP_HP_<NAME> environment variables.")
            TrainingConfig config,
            @Param("Compute to reserve.") Resources resources,
            @Param("Multi-process strategy; the local executor supports none only.") Distributed distributed,
            @Param(value = "Nodes for distributed jobs (default 1).", min = 1, max = 256) Integer nodes,
            @Param(value = "Experiment id (exp-…) or name to group this run under; a new name creates the experiment.",
                    maxLength = 200) String experiment,
            @Param(value = "Scheduling priority 0..100 (default 0), used by the Kubernetes executor's queue; the local "
                    + "executor is strictly first-in first-out per GPU type.", min = 0, max = 100) Integer priority,
            @Param(value = "Stop the job as failed after this many minutes of running.", min = 1, max = 43_200)
            Integer maxRuntimeMinutes) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_submit")
            .toolset("training")
            .title("Submit a training job")
            .description("Starts a training job: a shell command, or without command/image the bundled example trainer "
                    + "driven by config (epochs, learning_rate, batch_size). GPU jobs wait in 'queued' while their GPUs "
                    + "are busy. Returns job_id and status at once; then call training_wait to block until it ends, "
                    + "training_logs and training_metrics to watch it, training_stop to cancel it.")
            .write()
            .risk(Risk.MEDIUM)
            .permission("training:write")
            .example("en", "Train resnet50 on cats-vs-dogs with 2 A100s for 3 epochs",
                    Map.of("model", "resnet50", "dataset", "cats-vs-dogs", "config", Map.of("epochs", 3),
                            "resources", Map.of("gpu_type", "a100", "gpu_count", 2)))
            .example("en", "Run a quick CPU test training of the example model with learning rate 0.05",
                    Map.of("model", "example-mlp", "config", Map.of("learning_rate", 0.05, "epochs", 2)))
            .example("zh", "用 medical-qa 数据集微调 Llama-3-8B，4 张 H100，学习率 2e-5",
                    Map.of("model", "meta-llama/Llama-3-8B", "dataset", "medical-qa",
                            "config", Map.of("learning_rate", 2e-5), "resources", Map.of("gpu_type", "h100", "gpu_count", 4)))
            .example("zh", "提交一个训练任务，运行 python train.py，最多跑 30 分钟",
                    Map.of("model", "bert-base", "command", "python train.py", "max_runtime_minutes", 30))
            .build();

    private final TrainingService training;

    public TrainingSubmitTool(TrainingService training) {
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
        return JobView.of(training.submit(Scope.of(context), input, context.callbackUrl()));
    }
}
