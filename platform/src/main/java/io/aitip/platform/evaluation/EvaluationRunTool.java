package io.aitip.platform.evaluation;

import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Evaluates a registered model version on a benchmark by querying its OpenAI-compatible endpoint from a sandbox. */
@Component
public class EvaluationRunTool implements Tool<EvaluationRunTool.Input> {

    public record Input(
            @Param(value = "The registered model being evaluated: its id (mdl-…) or unique name in the project.",
                    required = true, minLength = 1, maxLength = 200) String model,
            @Param(value = "The model version, e.g. v2; default the latest.", maxLength = 20) String modelVersion,
            @Param(value = "Benchmark name: mmlu, gsm8k, hellaswag (sample items shipped), custom (with dataset); "
                    + "see evaluation_benchmarks for all, with metrics.", required = true, minLength = 1, maxLength = 50)
            String benchmark,
            @Param(value = "A registered dataset (id or name) whose uri is a local JSONL file of items; its items "
                    + "replace the benchmark's samples and are scored by the benchmark's rule. Required for custom.",
                    maxLength = 200) String dataset,
            @Param(value = "Where the model answers: an inference service (svc-… or its name) or an OpenAI-compatible "
                    + "base URL such as http://host:8000/v1.", maxLength = 2000) String target,
            @Param("Resources recorded with the run (a URL or service target does its own inference).") Resources resources,
            @Param(value = "Run only the first N items (default all, at most 1000).", min = 1, max = 1000) Integer limit) {
    }

    public record Resources(
            @Param("GPU type the model is served on: t4, l4, a10g, a100, h100, h200 or rtx4090.") GpuType gpuType,
            @Param(value = "Number of GPUs.", min = 0, max = 64) Integer gpuCount) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("evaluation_run")
            .toolset("evaluation")
            .title("Evaluate a model on a benchmark")
            .description("Evaluates a registered model version on a benchmark: a sandboxed process (separate from the "
                    + "server, talking only to the target) sends every benchmark item to the model's OpenAI-compatible "
                    + "endpoint and scores the answers with the benchmark's metric (accuracy, exact match, …). Waits "
                    + "for the result, reporting progress. Returns the eval_id with the score and per-category "
                    + "aggregates; then call evaluation_get for per-item results or evaluation_report for an HTML/PDF "
                    + "report. An unreachable endpoint fails with UNAVAILABLE and records nothing.")
            .write()
            .longRunning()
            .openWorld()
            .permission("evaluation:write")
            .example("en", "Evaluate resnet-chat v2 on MMLU against http://10.0.0.5:8000/v1",
                    Map.of("model", "resnet-chat", "model_version", "v2", "benchmark", "mmlu",
                            "target", "http://10.0.0.5:8000/v1"))
            .example("en", "Run GSM8K on model tiny-chat served by svc-1a2b3c4d, first 10 items",
                    Map.of("model", "tiny-chat", "benchmark", "gsm8k", "target", "svc-1a2b3c4d", "limit", 10))
            .example("zh", "用 HellaSwag 评测模型 medical-llama，服务地址 http://10.0.0.7:8000/v1",
                    Map.of("model", "medical-llama", "benchmark", "hellaswag", "target", "http://10.0.0.7:8000/v1"))
            .example("zh", "用数据集 qa-set 对模型 mdl-1a2b3c4d 做自定义评测，目标服务 svc-9f8e7d6c",
                    Map.of("model", "mdl-1a2b3c4d", "benchmark", "custom", "dataset", "qa-set", "target", "svc-9f8e7d6c"))
            .build();

    private final EvaluationService evaluations;

    public EvaluationRunTool(EvaluationService evaluations) {
        this.evaluations = evaluations;
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
        return EvaluationView.of(evaluations.run(context, input));
    }
}
