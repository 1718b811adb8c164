package io.aitip.platform.releases;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Records an approval of a release by someone other than its creator. */
@Component
public class ReleaseApproveTool implements Tool<ReleaseApproveTool.Input> {

    public record Input(
            @Param(value = "The release id (rel-…) or name.", required = true, minLength = 1, maxLength = 200)
            String releaseId,
            @Param(value = "Why it may go out, e.g. what was checked.", maxLength = 2000) String comment) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_approve")
            .toolset("releases")
            .title("Approve a release")
            .description("Approves a release pending approval, with an optional comment; the approver must not be "
                    + "the release's creator (PERMISSION_DENIED otherwise). No traffic moves yet: call release_promote "
                    + "next. The approval is audited on the release.")
            .write()
            .permission("releases:write")
            .example("en", "Approve release rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("en", "Approve rel-1a2b3c4d, the eval scores look good",
                    Map.of("release_id", "rel-1a2b3c4d", "comment", "eval scores look good"))
            .example("zh", "批准发布 rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("zh", "审批通过 rel-1a2b3c4d，安全测试已经通过",
                    Map.of("release_id", "rel-1a2b3c4d", "comment", "安全测试已经通过"))
            .build();

    private final Releases releases;

    public ReleaseApproveTool(Releases releases) {
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
        return releases.view(releases.approve(Scope.of(context), input.releaseId(), input.comment()));
    }
}
