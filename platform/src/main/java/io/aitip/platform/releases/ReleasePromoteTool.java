package io.aitip.platform.releases;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Moves an approved release's traffic to its next stage. */
@Component
public class ReleasePromoteTool implements Tool<ReleasePromoteTool.Input> {

    public record Input(
            @Param(value = "The release id (rel-…) or name.", required = true, minLength = 1, maxLength = 200)
            String releaseId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_promote")
            .toolset("releases")
            .title("Promote a release to its next stage")
            .description("Moves an approved release to its next stage: the linked inference service sends that "
                    + "percent of traffic to the new version (its canary). The stage of 100 % waits until the new "
                    + "version's replica answers, then makes it the stable version (status production). An unapproved "
                    + "release gives APPROVAL_REQUIRED and moves nothing. Check inference_metrics between stages; "
                    + "release_rollback undoes it.")
            .write()
            .permission("releases:write")
            .longRunning()
            .example("en", "Promote release rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("en", "Move tiny-chat-v2 to the next stage", Map.of("release_id", "tiny-chat-v2"))
            .example("zh", "把发布 rel-7f3a2c01 推进到下一阶段", Map.of("release_id", "rel-7f3a2c01"))
            .example("zh", "继续放量 rel-1a2b3c4d", Map.of("release_id", "rel-1a2b3c4d"))
            .build();

    private final Releases releases;

    public ReleasePromoteTool(Releases releases) {
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
        return releases.view(releases.promote(context, input.releaseId()));
    }
}
