package io.aitip.policy.approvals;

import io.aitip.platform.support.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code approvals} table. Every state change is a conditional UPDATE, so races have one winner. */
@Repository
public class ApprovalStore {

    private static final String COLUMNS = "id, org_id, project_id, tool, arguments::text, arguments_hash, rule, reason, "
            + "policy_version, requester_id, requester_name, requester_subject, requester_key_id, door, idempotency_key, "
            + "callback_url, trace_id, status, decided_by, decided_by_name, decided_at, comment, execution_id, executed_at, "
            + "expires_at, created_at";

    private final JdbcTemplate jdbc;

    public ApprovalStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    void insert(JdbcTemplate tx, Approval a) {
        tx.update("INSERT INTO approvals (id, org_id, project_id, tool, arguments, arguments_hash, rule, reason, policy_version, "
                        + "requester_id, requester_name, requester_subject, requester_key_id, door, idempotency_key, callback_url, "
                        + "trace_id, expires_at) VALUES (?,?,?,?,?::jsonb,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                a.id(), a.orgId(), a.projectId(), a.tool(), a.argumentsJson(), a.argumentsHash(), a.rule(), a.reason(),
                a.policyVersion(), a.requesterId(), a.requesterName(), a.requesterSubject(), a.requesterKeyId(), a.door(),
                a.idempotencyKey(), a.callbackUrl(), a.traceId(), Timestamp.from(a.expiresAt()));
    }

    /** The live pending request for exactly this call by this subject, if one exists. */
    Optional<Approval> findPending(String subject, String tool, String argumentsHash) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approvals WHERE requester_subject = ? AND tool = ? "
                        + "AND arguments_hash = ? AND status = 'pending' AND expires_at > now() ORDER BY created_at LIMIT 1",
                ApprovalStore::row, subject, tool, argumentsHash).stream().findFirst();
    }

    public Optional<Approval> find(String orgId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM approvals WHERE org_id = ? AND id = ?", ApprovalStore::row, orgId, id)
                .stream().findFirst();
    }

    /** Marks the org's pending requests past their expiry as expired (final). */
    int expire(String orgId) {
        return jdbc.update("UPDATE approvals SET status = 'expired' WHERE org_id = ? AND status = 'pending' "
                + "AND expires_at <= now()", orgId);
    }

    /** pending → approved|rejected if still pending and not expired; false for the loser of a race. */
    boolean decide(JdbcTemplate tx, String orgId, String id, String status, String decidedBy, String decidedByName,
                   String comment) {
        return tx.update("UPDATE approvals SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = now(), comment = ? "
                        + "WHERE org_id = ? AND id = ? AND status = 'pending' AND expires_at > now()",
                status, decidedBy, decidedByName, comment, orgId, id) == 1;
    }

    /** Consumes an approved request for this exact call: true once. */
    boolean redeem(String id, String subject, String tool, String argumentsHash, String executionId) {
        return jdbc.update("UPDATE approvals SET executed_at = now(), execution_id = ? WHERE id = ? AND status = 'approved' "
                        + "AND executed_at IS NULL AND requester_subject = ? AND tool = ? AND arguments_hash = ?",
                executionId, id, subject, tool, argumentsHash) == 1;
    }

    /** Newest first; {@code status} null for every status; keyset paging on (created_at, id). */
    List<Approval> list(String orgId, String status, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM approvals WHERE org_id = ?");
        List<Object> args = new ArrayList<>(List.of(orgId));
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(fetch);
        return jdbc.query(sql.toString(), ApprovalStore::row, args.toArray());
    }

    /** Usernames of the org's owners and admins other than the requester: who is asked to decide. */
    List<String> approvers(String orgId, String requesterId) {
        return jdbc.queryForList("SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? "
                + "AND m.role IN ('owner', 'admin') AND m.user_id <> ? ORDER BY m.role DESC, u.username LIMIT 20",
                String.class, orgId, requesterId);
    }

    private static Approval row(ResultSet rs, int n) throws SQLException {
        return new Approval(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getString(19), rs.getString(20), instant(rs.getTimestamp(21)), rs.getString(22),
                rs.getString(23), instant(rs.getTimestamp(24)), instant(rs.getTimestamp(25)), instant(rs.getTimestamp(26)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
