package io.aitip.policy.rbac;

import io.aitip.tools.model.Confirmation;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Principal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The foundation's policy: allow by permission. A tool is visible and callable when the caller's
 * role grants its permission and, for a restricted API key, the key's permissions include it too.
 * Tools marked {@link Confirmation#ALWAYS} need a confirmation. Only the principal and the tool's
 * metadata decide: argument text never changes a decision.
 */
@Component
public class PermissionPolicy implements PolicyHook {

    @Override
    public boolean visible(Principal principal, ToolSpec tool) {
        String permission = tool.permission();
        if (permission == null || !RolePermissions.roleGrants(principal.role(), permission)) {
            return false;
        }
        return principal.keyPermissions().isEmpty()
                || principal.keyPermissions().stream().anyMatch(p -> RolePermissions.matches(p, permission));
    }

    @Override
    public Decision decide(Principal principal, ToolSpec tool, JsonNode arguments) {
        if (!visible(principal, tool)) {
            return Decision.deny("rbac.permission", "You may not use tool '" + tool.name() + "': it needs permission "
                    + tool.permission() + ". Ask an org admin for a role that grants it.");
        }
        if (tool.confirmation() == Confirmation.ALWAYS) {
            return Decision.confirm("confirm.destructive", "'" + tool.title() + "' changes or removes something that "
                    + "cannot be restored.");
        }
        return Decision.allow("rbac.permission");
    }
}
