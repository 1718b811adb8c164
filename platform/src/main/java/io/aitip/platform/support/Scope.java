package io.aitip.platform.support;

import io.aitip.tools.model.ToolContext;
import io.aitip.tools.security.Principal;

/**
 * The tenant a query runs in: the caller's org and project, always taken from the principal, never
 * from arguments. The auth layer always sets a project (the org's default one at least); a principal
 * without one works in {@code <org_id>/default}, which is per org, so project-scoped unique names
 * ({@code UNIQUE (project_id, name)}) never collide across tenants.
 */
public record Scope(String orgId, String projectId, String userId) {

    public static Scope of(Principal principal) {
        String project = principal.projectId() == null || principal.projectId().isBlank()
                ? principal.orgId() + "/default" : principal.projectId();
        return new Scope(principal.orgId(), project, principal.userId());
    }

    public static Scope of(ToolContext context) {
        return of(context.principal());
    }
}
