package io.aitip.platform.experiments;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Creates an experiment: a named group of training runs with the hypothesis they test. */
@Component
public class ExperimentCreateTool implements Tool<ExperimentCreateTool.Input> {

    public record Input(
            @Param(value = "Unique name of the experiment in the project, e.g. 'lr-sweep-resnet50'.", required = true,
                    minLength = 1, maxLength = 200) String name,
            @Param(value = "What the experiment is about.", maxLength = 4000) String description,
            @Param(value = "The hypothesis the runs should confirm or refute, e.g. 'warm-up lowers final loss'.",
                    maxLength = 4000) String hypothesis) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("experiment_create")
            .toolset("experiments")
            .title("Create an experiment")
            .description("Creates an experiment (a named group of training runs) in the current project and returns "
                    + "its id (exp-…). Fails with CONFLICT when the name is taken. Then pass the id or name as "
                    + "`experiment` to training_submit for each run, and compare the runs with experiment_compare.")
            .write()
            .permission("experiments:write")
            .example("en", "Create an experiment called lr-sweep to test learning rates",
                    Map.of("name", "lr-sweep", "description", "test learning rates"))
            .example("en", "Start experiment warmup-ablation with hypothesis: warm-up lowers the final loss",
                    Map.of("name", "warmup-ablation", "hypothesis", "warm-up lowers the final loss"))
            .example("zh", "新建一个实验 batch-size-对比", Map.of("name", "batch-size-对比"))
            .example("zh", "创建实验 llama-finetune，假设是更小的学习率效果更好",
                    Map.of("name", "llama-finetune", "hypothesis", "更小的学习率效果更好"))
            .build();

    private final ExperimentService experiments;

    public ExperimentCreateTool(ExperimentService experiments) {
        this.experiments = experiments;
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
        return ExperimentView.of(experiments.create(Scope.of(context), input.name(), input.description(), input.hypothesis()));
    }
}
