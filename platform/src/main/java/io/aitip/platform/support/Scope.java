package io.aitip.platform.support;

import io.aitip.tools.model.ToolContext;
import io.aitip.tools.security.Principal;

/**
 * The tenant a query runs in: the caller's org and project, always taken from the principal, never
 * from arguments. A principal without a project works in the org's {@code default} project.
 */
public record Scope(String orgId, String projectId, String userId) {

    public static final String DEFAULT_PROJECT = "default";

    public static Scope of(Principal principal) {
        String project = principal.projectId() == null || principal.projectId().isBlank()
                ? DEFAULT_PROJECT : principal.projectId();
        return new Scope(principal.orgId(), project, principal.userId());
    }

    public static Scope of(ToolContext context) {
        return of(context.principal());
    }
}
