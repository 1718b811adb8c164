package io.aitip.tools.security;

import java.util.Set;

/**
 * Who is calling: a user acting directly (JWT) or through an API key, inside one org and project.
 *
 * @param keyPermissions permissions an API key is restricted to (empty = the role's permissions)
 * @param apiKeyId       the key used, or null for a JWT session
 */
public record Principal(
        String userId,
        String username,
        String orgId,
        String orgSlug,
        String projectId,
        Role role,
        Set<String> keyPermissions,
        String apiKeyId) {

    public Principal {
        keyPermissions = keyPermissions == null ? Set.of() : Set.copyOf(keyPermissions);
    }

    /** A stable id for binding sessions and tokens: the user plus the credential used. */
    public String subject() {
        return userId + (apiKeyId == null ? "" : "/" + apiKeyId);
    }
}
