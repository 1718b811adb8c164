package io.aitip.policy.rbac;

import io.aitip.tools.security.Role;
import java.util.List;
import java.util.Map;

/**
 * What each built-in role may do, as permission patterns over {@code <area>:<level>}. A viewer
 * reads; a member also writes; admins and owners also hold the {@code :admin} permissions (audit,
 * org settings).
 */
public final class RolePermissions {

    private static final Map<Role, List<String>> GRANTS = Map.of(
            Role.VIEWER, List.of("*:read"),
            Role.MEMBER, List.of("*:read", "*:write"),
            Role.ADMIN, List.of("*:read", "*:write", "*:admin"),
            Role.OWNER, List.of("*:read", "*:write", "*:admin"));

    private RolePermissions() {
    }

    public static boolean roleGrants(Role role, String permission) {
        return GRANTS.get(role).stream().anyMatch(pattern -> matches(pattern, permission));
    }

    /** {@code *:read} matches {@code datasets:read}; {@code training:*} matches {@code training:write}. */
    public static boolean matches(String pattern, String permission) {
        if (pattern.equals("*") || pattern.equals(permission)) {
            return true;
        }
        int p = pattern.indexOf(':');
        int q = permission.indexOf(':');
        if (p < 0 || q < 0) {
            return false;
        }
        String area = pattern.substring(0, p);
        String level = pattern.substring(p + 1);
        return (area.equals("*") || area.equals(permission.substring(0, q)))
                && (level.equals("*") || level.equals(permission.substring(q + 1)));
    }
}
