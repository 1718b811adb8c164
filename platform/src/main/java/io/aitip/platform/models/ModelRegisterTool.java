package io.aitip.platform.models;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Registers a model version from a succeeded training job (with metrics and lineage) or from a URI. */
@Component
public class ModelRegisterTool implements Tool<ModelRegisterTool.Input> {

    public record Input(
            @Param(value = "The model's unique name in the project, e.g. 'resnet50-cats'; a new name creates the "
                    + "model, an existing name (or model id mdl-…) adds its next version.", required = true,
                    minLength = 1, maxLength = 200) String name,
            @Param(value = "A succeeded training job (train-…) whose checkpoint becomes the version, with its final "
                    + "metrics and dataset lineage. Give job_id or uri, not both.", maxLength = 100) String jobId,
            @Param(value = "Where an artifact made elsewhere lives: s3://, gs://, hf://, file:// or an http(s) URL. "
                    + "Give job_id or uri, not both.", maxLength = 2000) String uri,
            @Param(value = "Framework, e.g. pytorch, tensorflow, jax, transformers.", maxLength = 50) String framework,
            @Param(value = "Artifact format, e.g. safetensors, pt, onnx, gguf, savedmodel.", maxLength = 50) String format,
            @Param(value = "What the model does; kept on the model when it is new.", maxLength = 4000) String description) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("model_register")
            .toolset("models")
            .title("Register a model version")
            .description("Registers a model version from a succeeded training job (its checkpoint, sha256 checksum, "
                    + "final metrics and dataset lineage) or from an artifact uri. A new name creates the model (mdl-…) "
                    + "with v1; an existing one gets the next version. A job still running fails with CONFLICT: wait "
                    + "with training_wait first. Then call model_versions or evaluation_run / inference_deploy.")
            .write()
            .permission("models:write")
            .example("en", "Register the model from training job train-7f3a2c01 as resnet50-cats",
                    Map.of("name", "resnet50-cats", "job_id", "train-7f3a2c01"))
            .example("en", "Register s3://models/bert-qa.safetensors as model bert-qa, pytorch, safetensors format",
                    Map.of("name", "bert-qa", "uri", "s3://models/bert-qa.safetensors", "framework", "pytorch",
                            "format", "safetensors"))
            .example("zh", "把训练任务 train-1a2b3c4d 的结果注册为模型 medical-llama",
                    Map.of("name", "medical-llama", "job_id", "train-1a2b3c4d"))
            .example("zh", "注册模型 yolo-street，文件在 hf://org/yolo-street，格式 onnx",
                    Map.of("name", "yolo-street", "uri", "hf://org/yolo-street", "format", "onnx"))
            .build();

    private final ModelService models;

    public ModelRegisterTool(ModelService models) {
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
        return models.register(context, input);
    }
}
