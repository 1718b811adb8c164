package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Deploys a model version as an inference service: one server process per replica. */
@Component
public class InferenceDeployTool implements Tool<InferenceDeployTool.Input> {

    public record Input(
            @Param(value = "The service's name, unique among the project's live services; default <model>-<version>.",
                    minLength = 1, maxLength = 100, pattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$") String name,
            @Param(value = "The model to serve: its name or id (mdl-…) from model_list.", required = true,
                    minLength = 1, maxLength = 200) String model,
            @Param(value = "The model version, e.g. v2; default the latest.", maxLength = 20,
                    pattern = "^[vV]?[0-9]+$") String modelVersion,
            @Param("What serves the model: builtin (AITIP's tiny OpenAI-compatible runtime, the local default), "
                    + "vllm, triton or torchserve (their command must be installed on the server).") InferenceRuntime runtime,
            @Param("builtin runtime only: weak (no safety tuning) or hardened (refuses attacks); default the model "
                    + "version's own (profile=… in its artifact uri), else weak.") SafetyProfile profile,
            @Param("GPUs for each replica.") Resources resources,
            @Param(value = "How many replicas to start (default 1).", min = 1, max = 16) Integer replicas,
            @Param(value = "The fewest replicas inference_scale may set (default 1).", min = 1, max = 16) Integer minReplicas,
            @Param(value = "The most replicas inference_scale may set (default replicas).", min = 1, max = 64) Integer maxReplicas) {
    }

    public record Resources(
            @Param("GPU type: t4, l4, a10g, a100, h100, h200 or rtx4090; default the first type with enough devices.")
            GpuType gpuType,
            @Param(value = "GPUs per replica (default 1 when gpu_type is given, else 0: CPU).", min = 0, max = 8)
            Integer gpuCount) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_deploy")
            .toolset("inference")
            .title("Deploy a model as an inference service")
            .description("Deploys a registered model version as an inference service (svc-…): each replica is a "
                    + "server process of the runtime, GPUs reserved per replica. Returns at once in 'deploying'; "
                    + "inference_get shows 'ready' once every replica answers (webhook deployment.ready). Call it "
                    + "through endpoints.chat_completions (OpenAI-compatible, canary split enforced), watch it with "
                    + "inference_metrics, change it with inference_scale / inference_canary, end it with inference_stop. "
                    + "A runtime not installed here gives UNAVAILABLE; too few free GPUs gives UNAVAILABLE.")
            .write()
            .permission("inference:write")
            .example("en", "Deploy model tiny-chat as service chat-prod", Map.of("name", "chat-prod", "model", "tiny-chat"))
            .example("en", "Serve version v2 of resnet50-cats with vllm on 2 replicas of one a100 each",
                    Map.of("model", "resnet50-cats", "model_version", "v2", "runtime", "vllm", "replicas", 2,
                            "resources", Map.of("gpu_type", "a100", "gpu_count", 1)))
            .example("zh", "把模型 medical-llama 部署成推理服务", Map.of("model", "medical-llama"))
            .example("zh", "用 hardened 配置部署 tiny-chat 的 v3 版本，3 个副本，最多扩到 5 个",
                    Map.of("model", "tiny-chat", "model_version", "v3", "profile", "hardened", "replicas", 3,
                            "max_replicas", 5))
            .build();

    private final Deployments deployments;

    public InferenceDeployTool(Deployments deployments) {
        this.deployments = deployments;
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
        return deployments.view(deployments.deploy(Scope.of(context), input));
    }
}
