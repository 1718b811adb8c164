package io.aitip.policy.cedar;

import io.aitip.platform.releases.Release;
import io.aitip.platform.releases.ReleaseStatus;
import io.aitip.platform.releases.ReleaseStore;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code release_reaches_production}: for {@code release_promote}, whether this promotion would move
 * the caller's release to its last stage (100 % of traffic, status production). The arguments only
 * name the release; where it stands is in the store. Only an approved, unfinished release counts:
 * the tool refuses the others itself, and an approval for a call that cannot run helps nobody.
 * Read in the caller's own org and project, like the tool, so another tenant's release is never
 * looked at.
 */
@Component
public class ReleaseStageFacts implements PolicyFacts {

    static final String PROMOTE = "release_promote";

    private final ReleaseStore releases;

    public ReleaseStageFacts(ReleaseStore releases) {
        this.releases = releases;
    }

    @Override
    public Map<String, Boolean> facts(Principal principal, ToolSpec tool, JsonNode arguments) {
        JsonNode id = arguments.path("release_id");
        if (!PROMOTE.equals(tool.name()) || !id.isString() || id.asString().isBlank() || principal.orgId() == null) {
            return Map.of();
        }
        String ref = id.asString();
        boolean production = releases.find(Scope.of(principal), ref).map(ReleaseStageFacts::nextIsProduction).orElse(false);
        return Map.of("release_reaches_production", production);
    }

    private static boolean nextIsProduction(Release r) {
        return r.approvedBy() != null && r.status() != ReleaseStatus.PRODUCTION && r.status() != ReleaseStatus.ROLLED_BACK
                && Integer.valueOf(100).equals(r.nextStagePercent());
    }
}
