package io.aitip.platform.releases;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases and their event rows in PostgreSQL, every query scoped to an org and project. Each
 * status change is a conditional update from the status it leaves, written in one transaction with
 * its {@code release_events} row and, for promotions and rollbacks, its webhook event.
 */
@Repository
public class ReleaseStore {

    private static final String COLUMNS = "id, org_id, project_id, created_by, name, description, model_id, model_name, "
            + "model_version, profile, service_id, previous_version, previous_profile, strategy, stages, current_stage, "
            + "traffic_percent, status, approved_by, approved_at, approval_comment, rolled_back_by, rolled_back_at, rollback_reason, "
            + "created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final WebhookOutbox outbox;
    private final TransactionTemplate tx;

    public ReleaseStore(JdbcTemplate jdbc) {
        this(jdbc, (WebhookOutbox) null);
    }

    @Autowired
    public ReleaseStore(JdbcTemplate jdbc, ObjectProvider<WebhookOutbox> outbox) {
        this(jdbc, outbox.getIfAvailable());
    }

    public ReleaseStore(JdbcTemplate jdbc, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Stores a new release as a draft and submits it for approval: two audited steps, one transaction. */
    void create(Release r) {
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO releases (id, org_id, project_id, created_by, name, description, model_id, model_name, "
                            + "model_version, profile, service_id, previous_version, previous_profile, strategy, stages, "
                            + "status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::integer[],'draft')", r.id(), r.orgId(),
                    r.projectId(), r.createdBy(), r.name(), r.description(), r.modelId(), r.modelName(), r.modelVersion(),
                    r.profile(), r.serviceId(), r.previousVersion(), r.previousProfile(), r.strategy().wire(),
                    array(r.stages()));
            event(r.id(), "created", null, ReleaseStatus.DRAFT, 0, r.createdBy(), r.description());
            jdbc.update("UPDATE releases SET status = 'pending_approval', updated_at = now() WHERE id = ?", r.id());
            event(r.id(), "submitted_for_approval", ReleaseStatus.DRAFT, ReleaseStatus.PENDING_APPROVAL, 0, r.createdBy(),
                    null);
        });
    }

    /** Records an approval on a release still pending it; false if it moved meanwhile or is approved already. */
    boolean approve(String id, String approver, String comment) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            boolean moved = jdbc.update("UPDATE releases SET approved_by = ?, approved_at = now(), approval_comment = ?, "
                    + "updated_at = now() WHERE id = ? AND status = 'pending_approval' AND approved_by IS NULL",
                    approver, comment, id) == 1;
            if (moved) {
                event(id, "approved", ReleaseStatus.PENDING_APPROVAL, ReleaseStatus.PENDING_APPROVAL, 0, approver, comment);
            }
            return moved;
        }));
    }

    /**
     * Moves the release from {@code from} (at stage {@code fromStage}) to {@code to}, at stage
     * {@code stage} with {@code percent} of traffic; false when another call moved it first.
     */
    boolean promote(Release from, ReleaseStatus to, int stage, int percent, String actor) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            boolean moved = jdbc.update("UPDATE releases SET status = ?, current_stage = ?, traffic_percent = ?, "
                            + "updated_at = now() WHERE id = ? AND status = ? AND current_stage = ?", to.wire(), stage,
                    percent, from.id(), from.status().wire(), from.currentStage()) == 1;
            if (moved) {
                event(from.id(), "promoted", from.status(), to, percent, actor, "stage " + (stage + 1) + " of "
                        + from.stages().size());
                publish(from, "release.promoted", to, percent, Map.of("stage", stage + 1));
            }
            return moved;
        }));
    }

    boolean rollBack(Release from, String actor, String reason, int percent) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            boolean moved = jdbc.update("UPDATE releases SET status = 'rolled_back', traffic_percent = ?, "
                            + "rolled_back_by = ?, rolled_back_at = now(), rollback_reason = ?, updated_at = now() "
                            + "WHERE id = ? AND status = ? AND current_stage = ?", percent, actor, reason, from.id(),
                    from.status().wire(), from.currentStage()) == 1;
            if (moved) {
                event(from.id(), "rolled_back", from.status(), ReleaseStatus.ROLLED_BACK, percent, actor, reason);
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("reason", reason);
                extra.put("restored_version", from.previousVersion());
                publish(from, "release.rolled_back", ReleaseStatus.ROLLED_BACK, percent, extra);
            }
            return moved;
        }));
    }

    private void event(String releaseId, String action, ReleaseStatus from, ReleaseStatus to, int percent, String actor,
                       String comment) {
        jdbc.update("INSERT INTO release_events (release_id, action, from_status, to_status, traffic_percent, actor, "
                        + "comment) VALUES (?,?,?,?,?,?,?)", releaseId, action, from == null ? null : from.wire(), to.wire(),
                percent, actor, comment);
    }

    private void publish(Release r, String type, ReleaseStatus status, int percent, Map<String, Object> extra) {
        if (outbox == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release_id", r.id());
        data.put("name", r.name());
        data.put("status", status.wire());
        data.put("model", r.modelName());
        data.put("model_version", r.modelVersion());
        data.put("service_id", r.serviceId());
        data.put("traffic_percent", percent);
        data.putAll(extra);
        data.put("org_id", r.orgId());
        data.put("project_id", r.projectId());
        outbox.publish(jdbc, r.orgId(), type, WebhookEvents.envelope(type, Instant.now(), data), null);
    }

    /** The release with this id or, failing that, the newest release of this name, in the caller's project. */
    public Optional<Release> find(Scope scope, String idOrName) {
        String ref = idOrName.trim();
        return jdbc.query("SELECT " + COLUMNS + " FROM releases WHERE org_id = ? AND project_id = ? AND (id = ? OR name = ?) "
                        + "ORDER BY (id = ?) DESC, created_at DESC LIMIT 1", ReleaseStore::map,
                scope.orgId(), scope.projectId(), ref, ref, ref).stream().findFirst();
    }

    public Optional<Release> openFor(String serviceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM releases WHERE service_id = ? AND status IN ('draft', "
                + "'pending_approval', 'canary')", ReleaseStore::map, serviceId).stream().findFirst();
    }

    /** Newest first, at most {@code limit} after the cursor. */
    public List<Release> list(Scope scope, ReleaseStatus status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM releases WHERE org_id = ? AND project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.wire());
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ReleaseStore::map, args.toArray());
    }

    /** The release's most recent events, oldest first. */
    public List<ReleaseEvent> events(String releaseId, int limit) {
        List<ReleaseEvent> newest = jdbc.query("SELECT action, from_status, to_status, traffic_percent, actor, comment, at "
                + "FROM release_events WHERE release_id = ? ORDER BY id DESC LIMIT ?", (rs, n) -> new ReleaseEvent(
                rs.getString("action"), rs.getString("from_status"), rs.getString("to_status"), rs.getInt("traffic_percent"),
                rs.getString("actor"), rs.getString("comment"), rs.getTimestamp("at").toInstant()), releaseId, limit);
        List<ReleaseEvent> out = new ArrayList<>(newest);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String array(List<Integer> values) {
        return "{" + String.join(",", values.stream().map(String::valueOf).toList()) + "}";
    }

    static Release map(ResultSet rs, int row) throws SQLException {
        Array stages = rs.getArray("stages");
        List<Integer> list = Arrays.stream((Integer[]) stages.getArray()).toList();
        return new Release(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("created_by"), rs.getString("name"), rs.getString("description"), rs.getString("model_id"),
                rs.getString("model_name"), rs.getString("model_version"), rs.getString("profile"),
                rs.getString("service_id"), rs.getString("previous_version"), rs.getString("previous_profile"),
                ReleaseStrategy.parse(rs.getString("strategy")), list, rs.getInt("current_stage"),
                rs.getInt("traffic_percent"), ReleaseStatus.parse(rs.getString("status")), rs.getString("approved_by"),
                instant(rs, "approved_at"), rs.getString("approval_comment"), rs.getString("rolled_back_by"),
                instant(rs, "rolled_back_at"), rs.getString("rollback_reason"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
