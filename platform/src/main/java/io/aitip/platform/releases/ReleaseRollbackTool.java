package io.aitip.platform.releases;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Rolls a release back: the service serves only the previous version again. */
@Component
public class ReleaseRollbackTool implements Tool<ReleaseRollbackTool.Input> {

    public record Input(
            @Param(value = "The release id (rel-…) or name.", required = true, minLength = 1, maxLength = 200)
            String releaseId,
            @Param(value = "Why it is rolled back; kept in the audit trail.", maxLength = 2000) String reason) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_rollback")
            .toolset("releases")
            .title("Roll a release back")
            .description("Rolls a release back: during the canary the new version's traffic goes to 0 % and its "
                    + "replica stops; after production the previous version becomes the stable one again (once its "
                    + "replica answers). Before any promotion it only closes the release. Ends as 'rolled_back' "
                    + "(audited, webhook release.rolled_back); a release already rolled back gives CONFLICT.")
            .destructive()
            .permission("releases:write")
            .longRunning()
            .example("en", "Roll back release rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("en", "Roll back rel-1a2b3c4d, the error rate doubled",
                    Map.of("release_id", "rel-1a2b3c4d", "reason", "error rate doubled"))
            .example("zh", "回滚发布 rel-7f3a2c01", Map.of("release_id", "rel-7f3a2c01"))
            .example("zh", "把 rel-1a2b3c4d 回滚，新版本延迟太高",
                    Map.of("release_id", "rel-1a2b3c4d", "reason", "新版本延迟太高"))
            .build();

    private final Releases releases;

    public ReleaseRollbackTool(Releases releases) {
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
        return releases.view(releases.rollback(context, input.releaseId(), input.reason()));
    }
}
