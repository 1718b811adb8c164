package io.aitip.platform.releases;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One release with its approval and audit trail. */
@Component
public class ReleaseGetTool implements Tool<ReleaseGetTool.Input> {

    public record Input(
            @Param(value = "The release id (rel-…) or name.", required = true, minLength = 1, maxLength = 200)
            String releaseId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_get")
            .toolset("releases")
            .title("Get a release")
            .description("Shows a release: status (pending_approval, canary, production, rolled_back), the stage and "
                    + "traffic share reached, the next stage, who approved it, the rollback if any, every audited step, "
                    + "and what to call next.")
            .readOnly()
            .permission("releases:read")
            .example("en", "Show release rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("en", "Where is the tiny-chat-v2 release at?", Map.of("release_id", "tiny-chat-v2"))
            .example("zh", "查看发布 rel-1a2b3c4d 的进度", Map.of("release_id", "rel-1a2b3c4d"))
            .example("zh", "rel-7f3a2c01 这个发布审批了吗", Map.of("release_id", "rel-7f3a2c01"))
            .build();

    private final Releases releases;

    public ReleaseGetTool(Releases releases) {
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
        return releases.view(Scope.of(context), input.releaseId());
    }
}
