package io.aitip.platform.models;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One model with its latest version. */
@Component
public class ModelGetTool implements Tool<ModelGetTool.Input> {

    public record Input(
            @Param(value = "The model's id (mdl-…) or its unique name in the project.", required = true, minLength = 1,
                    maxLength = 200) String model) {
    }

    public record Result(ModelView model, ModelVersion latestVersion) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("model_get")
            .toolset("models")
            .title("Get a model")
            .description("Returns one model by id or name with its latest version: artifact URI, checksum, final "
                    + "metrics and lineage (source training job, dataset and dataset version). Call model_versions "
                    + "for older versions, evaluation_run or inference_deploy to use it.")
            .readOnly()
            .permission("models:read")
            .example("en", "Show me the model resnet50-cats", Map.of("model", "resnet50-cats"))
            .example("en", "What is the latest version of mdl-1a2b3c4d?", Map.of("model", "mdl-1a2b3c4d"))
            .example("zh", "查看模型 medical-llama 的详情", Map.of("model", "medical-llama"))
            .example("zh", "模型 mdl-1a2b3c4d 最新的版本是哪个？", Map.of("model", "mdl-1a2b3c4d"))
            .build();

    private final ModelService models;

    public ModelGetTool(ModelService models) {
        this.models = models;
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
        Model model = models.require(Scope.of(context), input.model());
        ModelVersion latest = model.latestVersionNumber() == 0 ? null
                : models.store().version(model.id(), model.latestVersionNumber()).orElse(null);
        return new Result(ModelView.of(model), latest);
    }
}
