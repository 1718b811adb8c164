package io.aitip.policy.approvals;

import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.sql.Array;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The requester of an approval as they are now: an approved call runs with the requester's current
 * role and key, so a requester who left the org, lost the role, or whose key was revoked does not
 * get the call run for them.
 */
@Component
public class Requesters {

    private final JdbcTemplate jdbc;

    public Requesters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Principal> current(Approval approval) {
        List<Principal> members = jdbc.query("SELECT u.username, o.slug, m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                        + "JOIN orgs o ON o.id = m.org_id WHERE m.org_id = ? AND m.user_id = ?",
                (rs, n) -> new Principal(approval.requesterId(), rs.getString(1), approval.orgId(), rs.getString(2),
                        approval.projectId(), Role.parse(rs.getString(3)), Set.of(), null),
                approval.orgId(), approval.requesterId());
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Principal member = members.get(0);
        if (approval.requesterKeyId() == null) {
            return Optional.of(member);
        }
        return jdbc.query("SELECT permissions FROM api_keys WHERE id = ? AND org_id = ? AND user_id = ? AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > now())",
                (rs, n) -> {
                    Array permissions = rs.getArray(1);
                    Set<String> keyPermissions = permissions == null ? Set.of() : Set.of((String[]) permissions.getArray());
                    return new Principal(member.userId(), member.username(), member.orgId(), member.orgSlug(),
                            member.projectId(), member.role(), keyPermissions, approval.requesterKeyId());
                }, approval.requesterKeyId(), approval.orgId(), approval.requesterId()).stream().findFirst();
    }
}
