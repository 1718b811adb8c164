package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Stops every replica of a service. */
@Component
public class InferenceStopTool implements Tool<InferenceStopTool.Input> {

    public record Input(
            @Param(value = "The service: its id (svc-…) or name.", required = true, minLength = 1, maxLength = 100)
            String service) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_stop")
            .toolset("inference")
            .title("Stop an inference service")
            .description("Stops an inference service: every replica process (stable and canary) is terminated and its "
                    + "GPUs freed; the service ends as 'stopped', its router endpoint answers 409 and its name is free "
                    + "for a new deployment. A service that already ended gives CONFLICT. Returns the service.")
            .destructive()
            .permission("inference:write")
            .example("en", "Stop inference service chat-prod", Map.of("service", "chat-prod"))
            .example("en", "Shut down svc-7f3a2c01", Map.of("service", "svc-7f3a2c01"))
            .example("zh", "停止推理服务 chat-prod", Map.of("service", "chat-prod"))
            .example("zh", "下线 svc-1a2b3c4d 这个服务", Map.of("service", "svc-1a2b3c4d"))
            .build();

    private final Deployments deployments;

    public InferenceStopTool(Deployments deployments) {
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
        return deployments.view(deployments.stop(Scope.of(context), input.service()));
    }
}
