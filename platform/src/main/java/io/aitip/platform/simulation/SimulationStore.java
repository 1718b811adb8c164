package io.aitip.platform.simulation;

import io.aitip.platform.sandbox.ProbeRecords;
import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.tools.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
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
import tools.jackson.core.type.TypeReference;

/**
 * Simulation runs and their attacks in PostgreSQL, scoped to the caller's org and project. The
 * move to a terminal state writes the {@code simulation.completed} webhook event in the same
 * transaction (outbox), so the event exists if and only if the outcome committed.
 */
@Repository
public class SimulationStore implements ProbeRecords {

    private static final String COLUMNS = "id, org_id, project_id, owner_id, target, scenario, samples, threshold, status, "
            + "status_message, safety_score, passed, summary::text AS summary, created_at, ended_at";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final WebhookOutbox outbox;
    private final TransactionTemplate tx;

    @Autowired
    public SimulationStore(JdbcTemplate jdbc, ObjectProvider<WebhookOutbox> outbox) {
        this(jdbc, outbox.getIfAvailable());
    }

    public SimulationStore(JdbcTemplate jdbc, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    public void insertRunning(String id, Scope scope, String target, String scenario, int samples, double threshold) {
        jdbc.update("INSERT INTO simulation_runs (id, org_id, project_id, owner_id, target, scenario, samples, threshold, "
                        + "status) VALUES (?,?,?,?,?,?,?,?,'running')", id, scope.orgId(), scope.projectId(), scope.userId(),
                target, scenario, samples, threshold);
    }

    /** Stores the attacks, the verdict and the webhook event together. */
    public void succeed(String id, List<AttackResult> attacks, Double score, boolean passed, Map<String, Object> summary,
                        String message) {
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("INSERT INTO simulation_attacks (run_id, idx, attack_id, language, technique, prompt, answer, "
                            + "verdict, refused, findings, latency_ms, error) VALUES (?,?,?,?,?,?,?,?,?,?::jsonb,?,?)",
                    attacks, 500, (ps, a) -> {
                        ps.setString(1, id);
                        ps.setInt(2, a.index());
                        ps.setString(3, a.attackId());
                        ps.setString(4, a.language());
                        ps.setString(5, a.technique());
                        ps.setString(6, a.prompt());
                        ps.setString(7, a.answer());
                        ps.setString(8, a.verdict());
                        ps.setObject(9, a.refused());
                        ps.setString(10, Json.write(a.findings()));
                        ps.setObject(11, a.latencyMs());
                        ps.setString(12, a.error());
                    });
            if (jdbc.update("UPDATE simulation_runs SET status = 'succeeded', safety_score = ?, passed = ?, "
                    + "summary = ?::jsonb, status_message = ?, ended_at = now() WHERE id = ? AND status = 'running'",
                    score, passed, Json.write(summary), message, id) == 1) {
                publish(id);
            }
        });
    }

    public void fail(String id, String message) {
        tx.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE simulation_runs SET status = 'failed', status_message = ?, ended_at = now() "
                    + "WHERE id = ? AND status = 'running'", message, id) == 1) {
                publish(id);
            }
        });
    }

    private void publish(String id) {
        if (outbox == null) {
            return;
        }
        SimulationRun run = jdbc.query("SELECT " + COLUMNS + " FROM simulation_runs WHERE id = ?", SimulationStore::map, id)
                .get(0);
        Object unsafe = run.summary().get("unsafe");
        outbox.publish(jdbc, run.orgId(), "simulation.completed", WebhookEvents.simulationPayload(run.endedAt(),
                run.runId(), run.scenario(), run.target(), run.status(), run.safetyScore(), run.passed(), run.threshold(),
                run.samples(), unsafe instanceof Number n ? n.intValue() : 0, run.orgId(), run.projectId()), null);
    }

    public Optional<SimulationRun> find(Scope scope, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM simulation_runs WHERE id = ? AND org_id = ? AND project_id = ?",
                SimulationStore::map, id, scope.orgId(), scope.projectId()).stream().findFirst();
    }

    /** Attacks in order, at most {@code limit} after index {@code after} (-1: from the first). */
    public List<AttackResult> attacks(String runId, int after, int limit) {
        return jdbc.query("SELECT *, findings::text AS findings_text FROM simulation_attacks WHERE run_id = ? AND idx > ? "
                        + "ORDER BY idx LIMIT ?", (rs, row) -> new AttackResult(rs.getInt("idx"), rs.getString("attack_id"),
                        rs.getString("language"), rs.getString("technique"), rs.getString("prompt"), rs.getString("answer"),
                        rs.getString("verdict"), (Boolean) rs.getObject("refused"),
                        Json.MAPPER.readValue(rs.getString("findings_text"), LIST), (Integer) rs.getObject("latency_ms"),
                        rs.getString("error")), runId, after, limit);
    }

    public List<SimulationRun> list(Scope scope, String scenario, String status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM simulation_runs WHERE org_id = ? AND project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (scenario != null) {
            sql.append(" AND scenario = ?");
            args.add(scenario);
        }
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
        args.add(limit);
        return jdbc.query(sql.toString(), SimulationStore::map, args.toArray());
    }

    static SimulationRun map(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new SimulationRun(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("owner_id"), rs.getString("target"), rs.getString("scenario"), rs.getInt("samples"),
                rs.getDouble("threshold"), rs.getString("status"), rs.getString("status_message"),
                (Double) rs.getObject("safety_score"), (Boolean) rs.getObject("passed"),
                Json.MAPPER.readValue(rs.getString("summary"), MAP), rs.getTimestamp("created_at").toInstant(),
                ended == null ? null : ended.toInstant());
    }

    @Override
    public String kind() {
        return "simulation";
    }

    @Override
    public List<LiveRun> running() {
        return jdbc.query("SELECT id, org_id, project_id, created_at FROM simulation_runs WHERE status = 'running' ORDER BY created_at",
                (rs, n) -> new LiveRun(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    @Override
    public Optional<String> status(String runId) {
        return jdbc.query("SELECT status FROM simulation_runs WHERE id = ?", (rs, n) -> rs.getString(1), runId).stream().findFirst();
    }

    @Override
    public boolean failRunning(String runId, String message) {
        boolean running = status(runId).map("running"::equals).orElse(false);
        fail(runId, message);
        return running && status(runId).map("failed"::equals).orElse(false);
    }
}
