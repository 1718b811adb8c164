package io.aitip.platform.tuning;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Risk;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Starts a hyperparameter search: trials of a base job over a search space, each a real training job. */
@Component
public class TrainingTuneTool implements Tool<TrainingTuneTool.Input> {

    public record Input(
            @Param(value = "A name for the search; also the experiment its trials are grouped in unless base_job "
                    + "names one. Defaults to tune-<model>-<id>.", maxLength = 200) String name,
            @Param(value = "The job every trial runs, as for training_submit; the search space's values are set in "
                    + "its config.", required = true) TrainingSubmitTool.Input baseJob,
            @Param(value = "The hyperparameters to vary (1 to 7), each with values or a min/max range.", required = true,
                    maxItems = 7) List<TuneSpec.SearchParam> searchSpace,
            @Param("grid (default: every combination) or random (independent draws, seeded).") TuneSpec.Algorithm algorithm,
            @Param(value = "How many trials: random default 10; grid defaults to every combination and samples that many "
                    + "when smaller. At most 100.", min = 1, max = SearchSpace.MAX_TRIALS) Integer trials,
            @Param(value = "Trials running at once (default 2).", min = 1, max = 16) Integer parallelism,
            @Param("The metric to optimise and its direction (default: minimize loss).") TuneSpec.Objective objective,
            @Param("Stop bad trials early (median rule); leave out to let every trial finish.")
            TuneSpec.EarlyStopping earlyStopping,
            @Param(value = "Seed of the random draws (default 42): the same seed draws the same trials.", min = 0,
                    max = 2_147_483_647) Integer seed) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_tune")
            .toolset("training")
            .title("Hyperparameter search")
            .description("Searches hyperparameters: runs trials of base_job (as training_submit takes it) with values "
                    + "from search_space (grid or random), `parallelism` at a time, each a real training job grouped in "
                    + "one experiment, and scores each by objective (metric, minimize/maximize). early_stopping with the "
                    + "median rule stops trials that fall behind. Returns tune_id at once with the first trials running; "
                    + "call training_tune_get (wait_seconds to block) for progress and the best trial, training_tune_stop "
                    + "to end it.")
            .write()
            .risk(Risk.MEDIUM)
            .permission("training:write")
            .example("en", "Tune the learning rate of example-mlp over 0.01, 0.1 and 0.5",
                    Map.of("base_job", Map.of("model", "example-mlp", "config", Map.of("epochs", 3)),
                            "search_space", List.of(Map.of("name", "learning_rate", "values", List.of(0.01, 0.1, 0.5)))))
            .example("en", "Random search of 20 trials for resnet50: learning rate 1e-5 to 1e-2 log scale, batch size "
                            + "32 or 64, maximize accuracy, stop bad trials early",
                    Map.of("base_job", Map.of("model", "resnet50", "dataset", "cats-vs-dogs",
                                    "resources", Map.of("gpu_type", "a100", "gpu_count", 1)),
                            "search_space", List.of(
                                    Map.of("name", "learning_rate", "min", 1e-5, "max", 1e-2, "scale", "log"),
                                    Map.of("name", "batch_size", "values", List.of(32, 64))),
                            "algorithm", "random", "trials", 20,
                            "objective", Map.of("metric", "accuracy", "goal", "maximize"),
                            "early_stopping", Map.of("rule", "median")))
            .example("zh", "对 example-mlp 做学习率网格搜索：0.001、0.01、0.1，同时跑 3 个",
                    Map.of("base_job", Map.of("model", "example-mlp"), "parallelism", 3,
                            "search_space", List.of(Map.of("name", "learning_rate", "values", List.of(0.001, 0.01, 0.1)))))
            .example("zh", "随机搜索 bert-base 的学习率和权重衰减，跑 12 次，以 val_loss 最小为目标，开启提前停止",
                    Map.of("base_job", Map.of("model", "bert-base"), "algorithm", "random", "trials", 12,
                            "search_space", List.of(
                                    Map.of("name", "learning_rate", "min", 1e-5, "max", 1e-3, "scale", "log"),
                                    Map.of("name", "weight_decay", "min", 0.0, "max", 0.1)),
                            "objective", Map.of("metric", "val_loss", "goal", "minimize"),
                            "early_stopping", Map.of("rule", "median", "grace_steps", 100)))
            .build();

    private final TuneService tunes;

    public TrainingTuneTool(TuneService tunes) {
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
        Tune tune = tunes.create(Scope.of(context), input);
        return TuneView.of(tune, tunes.trials(tune));
    }
}
