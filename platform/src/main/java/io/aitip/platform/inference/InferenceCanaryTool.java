package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Splits a service's traffic between its stable version and a canary version. */
@Component
public class InferenceCanaryTool implements Tool<InferenceCanaryTool.Input> {

    public record Input(
            @Param(value = "The service: its id (svc-…) or name.", required = true, minLength = 1, maxLength = 100)
            String service,
            @Param(value = "The canary version of the service's model, e.g. v3.", required = true, maxLength = 20,
                    pattern = "^[vV]?[0-9]+$") String modelVersion,
            @Param(value = "Percent of requests (0–100) the router sends to the canary; the rest go to the stable "
                    + "version. 0 removes the canary.", required = true, min = 0, max = 100) Integer trafficPercent,
            @Param("builtin runtime only: the canary's safety profile (weak or hardened); default the version's own, "
                    + "else weak.") SafetyProfile profile) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_canary")
            .toolset("inference")
            .title("Send part of a service's traffic to a canary version")
            .description("Starts a canary replica serving another version of the service's model and makes the "
                    + "router send traffic_percent of requests to it (the stable version gets the rest); the same "
                    + "version again only changes the share; 0 removes the canary. Until the canary answers, its share "
                    + "goes to the stable version. inference_metrics shows the observed split per version. For a "
                    + "staged, approved rollout use release_create instead.")
            .write()
            .permission("inference:write")
            .example("en", "Send 10% of chat-prod traffic to version v2",
                    Map.of("service", "chat-prod", "model_version", "v2", "traffic_percent", 10))
            .example("en", "Remove the v3 canary from svc-7f3a2c01",
                    Map.of("service", "svc-7f3a2c01", "model_version", "v3", "traffic_percent", 0))
            .example("zh", "给 chat-prod 做金丝雀发布，v2 版本分 20% 流量",
                    Map.of("service", "chat-prod", "model_version", "v2", "traffic_percent", 20))
            .example("zh", "把 svc-1a2b3c4d 的 v4 灰度流量调到 50%",
                    Map.of("service", "svc-1a2b3c4d", "model_version", "v4", "traffic_percent", 50))
            .build();

    private final Deployments deployments;

    public InferenceCanaryTool(Deployments deployments) {
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
        return deployments.view(deployments.canary(Scope.of(context), input.service(), input.modelVersion(),
                input.trafficPercent(), input.profile()));
    }
}
