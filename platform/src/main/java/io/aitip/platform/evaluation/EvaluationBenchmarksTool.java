package io.aitip.platform.evaluation;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The benchmark registry: names, modality, metric definitions and whether each runs here. */
@Component
public class EvaluationBenchmarksTool implements Tool<EvaluationBenchmarksTool.Input> {

    public record Input(
            @Param("true lists only the benchmarks that can run on this server.") Boolean runnableOnly) {
    }

    public record Result(List<Benchmark> benchmarks, int count) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("evaluation_benchmarks")
            .toolset("evaluation")
            .title("List benchmarks")
            .description("Lists the benchmarks evaluation_run knows (MMLU, GSM8K, HellaSwag, HumanEval, ImageNet, COCO, "
                    + "custom) with modality, task, metric definition (accuracy, exact_match, pass@1, top1_accuracy, "
                    + "mAP), whether it runs on this server (runnable, else why not) and how many sample items ship. "
                    + "Then call evaluation_run with a runnable benchmark.")
            .readOnly()
            .permission("evaluation:read")
            .example("en", "Which benchmarks can I evaluate on?", Map.of())
            .example("en", "Which benchmarks can run here right now?", Map.of("runnable_only", true))
            .example("zh", "有哪些评测基准？", Map.of())
            .example("zh", "列出当前能运行的评测集和它们的指标", Map.of("runnable_only", true))
            .build();

    private final BenchmarkRegistry registry;

    public EvaluationBenchmarksTool(BenchmarkRegistry registry) {
        this.registry = registry;
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
        List<Benchmark> all = registry.all().stream()
                .filter(b -> !Boolean.TRUE.equals(input.runnableOnly()) || b.runnable()).toList();
        return new Result(all, all.size());
    }
}
