package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One inference service with its replicas and endpoints. */
@Component
public class InferenceGetTool implements Tool<InferenceGetTool.Input> {

    public record Input(
            @Param(value = "The service: its id (svc-…) or name.", required = true, minLength = 1, maxLength = 100)
            String service) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_get")
            .toolset("inference")
            .title("Get an inference service")
            .description("Shows an inference service: status (deploying, ready, stopped, failed) and why, the model "
                    + "version it serves, its canary and traffic share, each replica (track, version, status, "
                    + "restarts, GPUs) and its endpoints. Call inference_metrics for traffic and latency.")
            .readOnly()
            .permission("inference:read")
            .example("en", "Show inference service svc-7f3a2c01", Map.of("service", "svc-7f3a2c01"))
            .example("en", "Is chat-prod ready yet?", Map.of("service", "chat-prod"))
            .example("zh", "查看推理服务 chat-prod 的状态", Map.of("service", "chat-prod"))
            .example("zh", "svc-1a2b3c4d 这个服务部署好了吗", Map.of("service", "svc-1a2b3c4d"))
            .build();

    private final Deployments deployments;

    public InferenceGetTool(Deployments deployments) {
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
        return deployments.view(deployments.require(Scope.of(context), input.service(), "/service"));
    }
}
