package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sets how many stable replicas a live service runs. */
@Component
public class InferenceScaleTool implements Tool<InferenceScaleTool.Input> {

    public record Input(
            @Param(value = "The service: its id (svc-…) or name.", required = true, minLength = 1, maxLength = 100)
            String service,
            @Param(value = "The number of replicas to run, within the service's min_replicas–max_replicas.",
                    required = true, min = 1, max = 64) Integer replicas) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_scale")
            .toolset("inference")
            .title("Scale an inference service")
            .description("Sets the number of replicas of a live inference service, within its min_replicas–"
                    + "max_replicas bounds: new replicas start (with their GPUs) and join the router once they answer; "
                    + "surplus ones stop, those still starting first. A stopped or failed service gives CONFLICT. "
                    + "Returns the service; inference_get shows when the new replicas are ready.")
            .write()
            .permission("inference:write")
            .example("en", "Scale chat-prod to 3 replicas", Map.of("service", "chat-prod", "replicas", 3))
            .example("en", "Scale svc-7f3a2c01 down to one replica", Map.of("service", "svc-7f3a2c01", "replicas", 1))
            .example("zh", "把 chat-prod 扩容到 4 个副本", Map.of("service", "chat-prod", "replicas", 4))
            .example("zh", "将服务 svc-1a2b3c4d 缩到 2 个副本", Map.of("service", "svc-1a2b3c4d", "replicas", 2))
            .build();

    private final Deployments deployments;

    public InferenceScaleTool(Deployments deployments) {
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
        return deployments.view(deployments.scale(Scope.of(context), input.service(), input.replicas()));
    }
}
