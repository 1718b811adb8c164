package io.aitip.policy.tenancy;

import io.aitip.tools.model.Ids;
import io.aitip.tools.security.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Orgs, users, memberships and projects. */
@Repository
public class TenancyStore {

    public record Org(String id, String name, String slug) {
    }

    public record User(String id, String username, String email, String passwordHash) {
    }

    public record Membership(String orgId, String orgSlug, String userId, Role role) {
    }

    private final JdbcTemplate jdbc;

    public TenancyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Org createOrg(String name, String slug) {
        String id = Ids.next("org");
        jdbc.update("INSERT INTO orgs (id, name, slug) VALUES (?,?,?)", id, name, slug);
        jdbc.update("INSERT INTO projects (id, org_id, name, slug, description) VALUES (?,?,?,?,?)",
                Ids.next("prj"), id, "Default", "default", "Created with the org");
        return new Org(id, name, slug);
    }

    public Optional<Org> findOrg(String idOrSlug) {
        return jdbc.query("SELECT id, name, slug FROM orgs WHERE id = ? OR slug = ?",
                (rs, n) -> new Org(rs.getString(1), rs.getString(2), rs.getString(3)), idOrSlug, idOrSlug).stream().findFirst();
    }

    public User createUser(String username, String email, String passwordHash) {
        String id = Ids.next("usr");
        jdbc.update("INSERT INTO users (id, username, email, password_hash) VALUES (?,?,?,?)", id, username, email, passwordHash);
        return new User(id, username, email, passwordHash);
    }

    public Optional<User> findUser(String usernameOrEmail) {
        return jdbc.query("SELECT id, username, email, password_hash FROM users WHERE username = ? OR email = ?",
                (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                usernameOrEmail, usernameOrEmail).stream().findFirst();
    }

    public Optional<User> findUserById(String id) {
        return jdbc.query("SELECT id, username, email, password_hash FROM users WHERE id = ?",
                (rs, n) -> new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), id).stream().findFirst();
    }

    /** Adds the user to the org, or changes their role there. */
    public void putMembership(String orgId, String userId, Role role) {
        jdbc.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?,?,?) "
                + "ON CONFLICT (org_id, user_id) DO UPDATE SET role = EXCLUDED.role", orgId, userId, role.wire());
    }

    public List<Membership> memberships(String userId) {
        return jdbc.query("SELECT m.org_id, o.slug, m.user_id, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id "
                        + "WHERE m.user_id = ? ORDER BY m.created_at",
                (rs, n) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4))), userId);
    }

    public Optional<Membership> membership(String orgId, String userId) {
        return memberships(userId).stream().filter(m -> m.orgId().equals(orgId)).findFirst();
    }

    public String defaultProject(String orgId) {
        return jdbc.queryForObject("SELECT id FROM projects WHERE org_id = ? AND slug = 'default'", String.class, orgId);
    }

    public void touchLogin(String userId) {
        jdbc.update("UPDATE users SET last_login_at = now() WHERE id = ?", userId);
    }
}
