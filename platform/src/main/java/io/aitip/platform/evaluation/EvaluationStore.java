package io.aitip.platform.evaluation;

import io.aitip.platform.sandbox.ProbeRecords;
import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Evaluation runs and their items in PostgreSQL; every read is scoped to the caller's org and project.
 * A running run keeps its items ({@code pending_items}) so that a run no server followed can still be
 * scored (ADR 0022); every move to a terminal state is conditional on {@code running}, so exactly one
 * of two replicas finishing the same run wins.
 */
@Repository
public class EvaluationStore {

    private static final String COLUMNS = "e.id, e.org_id, e.project_id, e.owner_id, e.model_id, m.name AS model_name, "
            + "e.model_version, e.benchmark, e.dataset_id, e.dataset_version, e.target, e.resources::text AS resources, "
            + "e.metric, e.status, e.status_message, e.score, e.item_count, e.aggregates::text AS aggregates, "
            + "e.created_at, e.ended_at";
    private static final String FROM = " FROM evaluation_runs e JOIN models m ON m.id = e.model_id";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<EvalItem>> ITEMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public EvaluationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** What a new run records when its target has answered. */
    public record NewRun(String id, Scope scope, String modelId, String modelVersion, String benchmark, String datasetId,
                         String datasetVersion, String target, Map<String, Object> resources, String metric, int itemCount) {
    }

    /** A running run with the items its probe was sent, as {@link EvaluationScoring} needs them. */
    public record PendingRun(String id, String metric, List<EvalItem> items) {
    }

    /** Records the run as running, with its items kept until it ends. */
    public void insertRunning(NewRun run, List<EvalItem> items) {
        jdbc.update("INSERT INTO evaluation_runs (id, org_id, project_id, owner_id, model_id, model_version, benchmark, "
                        + "dataset_id, dataset_version, target, resources, metric, status, item_count, pending_items) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?::jsonb,?,'running',?,?::jsonb)",
                run.id(), run.scope().orgId(), run.scope().projectId(), run.scope().userId(), run.modelId(),
                run.modelVersion(), run.benchmark(), run.datasetId(), run.datasetVersion(), run.target(),
                Json.write(run.resources()), run.metric(), run.itemCount(), Json.write(items));
    }

    /** The running run with its kept items; empty when it is not running or was recorded without them. */
    public Optional<PendingRun> pending(String id) {
        return jdbc.query("SELECT metric, pending_items::text FROM evaluation_runs WHERE id = ? AND status = 'running' "
                        + "AND pending_items IS NOT NULL",
                (rs, n) -> new PendingRun(id, rs.getString(1), Json.MAPPER.readValue(rs.getString(2), ITEMS)), id)
                .stream().findFirst();
    }

    /**
     * Stores the items and the outcome together: a reader sees a succeeded run with all its items or
     * neither. False, storing nothing, when the run was not running any more (another replica ended it).
     */
    public boolean succeed(String id, List<ItemResult> items, double score, Map<String, Object> aggregates) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // the conditional move first: its row lock makes a second finisher wait, then find nothing to update
            if (jdbc.update("UPDATE evaluation_runs SET status = 'succeeded', score = ?, aggregates = ?::jsonb, "
                    + "pending_items = NULL, ended_at = now() WHERE id = ? AND status = 'running'", score,
                    Json.write(aggregates), id) != 1) {
                return false;
            }
            jdbc.batchUpdate("INSERT INTO evaluation_items (eval_id, idx, item_id, category, prompt, expected, answer, "
                            + "extracted, correct, latency_ms, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)", items, 500,
                    (ps, item) -> {
                        ps.setString(1, id);
                        ps.setInt(2, item.index());
                        ps.setString(3, item.itemId());
                        ps.setString(4, item.category());
                        ps.setString(5, item.prompt());
                        ps.setString(6, item.expected());
                        ps.setString(7, item.answer());
                        ps.setString(8, item.extracted());
                        ps.setBoolean(9, item.correct());
                        ps.setObject(10, item.latencyMs());
                        ps.setString(11, item.error());
                    });
            return true;
        }));
    }

    /** Fails a running run; false when it was not running (any more). */
    public boolean fail(String id, String message) {
        return jdbc.update("UPDATE evaluation_runs SET status = 'failed', status_message = ?, pending_items = NULL, "
                + "ended_at = now() WHERE id = ? AND status = 'running'", message, id) == 1;
    }

    public Optional<EvaluationRun> find(Scope scope, String id) {
        return jdbc.query("SELECT " + COLUMNS + FROM + " WHERE e.id = ? AND e.org_id = ? AND e.project_id = ?",
                EvaluationStore::map, id, scope.orgId(), scope.projectId()).stream().findFirst();
    }

    /** Items in order, at most {@code limit} after index {@code after} (-1: from the first). */
    public List<ItemResult> items(String evalId, int after, int limit) {
        return jdbc.query("SELECT * FROM evaluation_items WHERE eval_id = ? AND idx > ? ORDER BY idx LIMIT ?",
                (rs, row) -> new ItemResult(rs.getInt("idx"), rs.getString("item_id"), rs.getString("category"),
                        rs.getString("prompt"), rs.getString("expected"), rs.getString("answer"),
                        rs.getString("extracted"), rs.getBoolean("correct"), (Integer) rs.getObject("latency_ms"),
                        rs.getString("error")), evalId, after, limit);
    }

    /** Newest first, optionally one model's runs or one status. */
    public List<EvaluationRun> list(Scope scope, String modelId, String status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE e.org_id = ? AND e.project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (modelId != null) {
            sql.append(" AND e.model_id = ?");
            args.add(modelId);
        }
        if (status != null) {
            sql.append(" AND e.status = ?");
            args.add(status);
        }
        if (after != null) {
            sql.append(" AND (e.created_at, e.id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY e.created_at DESC, e.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), EvaluationStore::map, args.toArray());
    }

    static EvaluationRun map(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new EvaluationRun(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("owner_id"), rs.getString("model_id"), rs.getString("model_name"),
                rs.getString("model_version"), rs.getString("benchmark"), rs.getString("dataset_id"),
                rs.getString("dataset_version"), rs.getString("target"), Json.MAPPER.readValue(rs.getString("resources"), MAP),
                rs.getString("metric"), rs.getString("status"), rs.getString("status_message"),
                (Double) rs.getObject("score"), rs.getInt("item_count"), Json.MAPPER.readValue(rs.getString("aggregates"), MAP),
                rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant());
    }

    /** Runs recorded as running, oldest first. */
    public List<ProbeRecords.LiveRun> running() {
        return jdbc.query("SELECT id, org_id, project_id, created_at FROM evaluation_runs WHERE status = 'running' ORDER BY created_at",
                (rs, n) -> new ProbeRecords.LiveRun(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    /** The run's status, empty when there is no such run. */
    public Optional<String> status(String runId) {
        return jdbc.query("SELECT status FROM evaluation_runs WHERE id = ?", (rs, n) -> rs.getString(1), runId).stream().findFirst();
    }
}
