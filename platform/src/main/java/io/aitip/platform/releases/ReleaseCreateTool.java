package io.aitip.platform.releases;

import io.aitip.platform.inference.SafetyProfile;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Opens a staged rollout of a model version to an inference service, pending approval. */
@Component
public class ReleaseCreateTool implements Tool<ReleaseCreateTool.Input> {

    public record Input(
            @Param(value = "The model to release: its name or id (mdl-…).", required = true, minLength = 1,
                    maxLength = 200) String model,
            @Param(value = "The version to roll out, e.g. v2.", required = true, maxLength = 20,
                    pattern = "^[vV]?[0-9]+$") String modelVersion,
            @Param("canary (default: steps of 5, 20, 50, 100 %), blue-green (all traffic at once) or rolling "
                    + "(one replica's share per step).") ReleaseStrategy strategy,
            @Param(value = "Traffic percents per stage, increasing and ending in 100, e.g. [10, 50, 100]; default "
                    + "from the strategy.", maxItems = 10) List<Integer> stages,
            @Param(value = "The inference service to roll out to (id svc-… or name); default the project's only ready "
                    + "service of this model.", maxLength = 100) String service,
            @Param("builtin runtime only: the new version's safety profile (weak or hardened); default the version's "
                    + "own.") SafetyProfile profile,
            @Param(value = "A name for the release; default <model>-<version>.", maxLength = 200) String name,
            @Param(value = "What changes and why (the changelog).", maxLength = 4000) String description) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_create")
            .toolset("releases")
            .title("Create a release")
            .description("Creates a release (rel-…) that rolls a model version out to an inference service in stages "
                    + "of traffic (canary 5 → 20 → 50 → 100 % by default). It starts pending approval: another member "
                    + "calls release_approve (the creator cannot), then each release_promote moves traffic to the next "
                    + "stage; the stage of 100 % makes the version the service's stable one (production). "
                    + "release_rollback restores the previous version at any point. Every step is audited.")
            .write()
            .permission("releases:write")
            .example("en", "Release tiny-chat v2 to chat-prod as a canary",
                    Map.of("model", "tiny-chat", "model_version", "v2", "service", "chat-prod"))
            .example("en", "Create a blue-green release of resnet50-cats version 3",
                    Map.of("model", "resnet50-cats", "model_version", "v3", "strategy", "blue-green"))
            .example("zh", "为 medical-llama 的 v2 版本创建灰度发布，阶段 10、50、100",
                    Map.of("model", "medical-llama", "model_version", "v2", "stages", List.of(10, 50, 100)))
            .example("zh", "把 tiny-chat v3 滚动发布到 chat-prod",
                    Map.of("model", "tiny-chat", "model_version", "v3", "strategy", "rolling", "service", "chat-prod"))
            .build();

    private final Releases releases;

    public ReleaseCreateTool(Releases releases) {
        this.releases = releases;
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
        return releases.view(releases.create(Scope.of(context), input));
    }
}
