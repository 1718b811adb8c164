package io.aitip.policy.auth;

import io.aitip.tools.model.Ids;
import io.aitip.tools.pipeline.CanonicalJson;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.security.SecureRandom;
import java.sql.Array;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * API keys: {@code aitip_<43 random base64url chars>}. Only the SHA-256 hash is stored; the key is
 * returned once, at creation.
 */
@Repository
public class ApiKeyStore {

    public record CreatedKey(String id, String key, String prefix) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcTemplate jdbc;

    public ApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "aitip_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        return CanonicalJson.sha256(key);
    }

    /** Stores a key (a new random one, or the given bootstrap token) for a member of an org. */
    public CreatedKey create(String orgId, String userId, String projectId, String name, Set<String> permissions, String key) {
        String id = Ids.next("key");
        String prefix = key.substring(0, Math.min(10, key.length()));
        jdbc.update("INSERT INTO api_keys (id, org_id, user_id, project_id, name, key_hash, key_prefix, permissions) "
                        + "VALUES (?,?,?,?,?,?,?,?)",
                id, orgId, userId, projectId, name, hash(key), prefix, permissions.toArray(String[]::new));
        return new CreatedKey(id, key, prefix);
    }

    public boolean exists(String key) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE key_hash = ?", Integer.class, hash(key));
        return n != null && n > 0;
    }

    /** The principal behind a live key: not revoked, not expired, user still a member of the org. */
    public Optional<Principal> principal(String key) {
        return jdbc.query("""
                SELECT k.id, k.user_id, u.username, k.org_id, o.slug, COALESCE(k.project_id, p.id) AS project_id, m.role, k.permissions
                FROM api_keys k
                JOIN users u ON u.id = k.user_id
                JOIN orgs o ON o.id = k.org_id
                JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.user_id
                JOIN projects p ON p.org_id = k.org_id AND p.slug = 'default'
                WHERE k.key_hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
                """, (rs, n) -> {
                    Array permissions = rs.getArray("permissions");
                    Set<String> keyPermissions = permissions == null ? Set.of() : Set.of((String[]) permissions.getArray());
                    return new Principal(rs.getString("user_id"), rs.getString("username"), rs.getString("org_id"),
                            rs.getString("slug"), rs.getString("project_id"), Role.parse(rs.getString("role")),
                            keyPermissions, rs.getString("id"));
                }, hash(key)).stream().findFirst();
    }
}
