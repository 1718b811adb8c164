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
 * transaction (outbox), so the event exists if and only if the outcome committed. A running run
 * keeps its samples ({@code pending_items}) so that a run no server followed can still be judged
 * (ADR 0022); every terminal move is conditional on {@code running}, so exactly one finisher wins.
 */
@Repository
public class SimulationStore {

    private static final String COLUMNS = "id, org_id, project_id, owner_id, target, scenario, samples, threshold, status, "
            + "status_message, safety_score, passed, summary::text AS summary, created_at, ended_at";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<ScenarioLibrary.Sample>> SAMPLES = new TypeReference<>() {
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

    /** A running run with the samples its probe was sent, as {@link SimulationScoring} needs them. */
    public record PendingRun(String id, String scenario, double threshold, List<ScenarioLibrary.Sample> samples) {
    }

    /** Records the run as running, with its samples (without the probe's messages) kept until it ends. */
    public void insertRunning(String id, Scope scope, String target, String scenario, double threshold,
                              List<ScenarioLibrary.Sample> samples) {
        List<ScenarioLibrary.Sample> kept = samples.stream()
                .map(s -> new ScenarioLibrary.Sample(s.attack(), s.prompt(), null)).toList();
        jdbc.update("INSERT INTO simulation_runs (id, org_id, project_id, owner_id, target, scenario, samples, threshold, "
                        + "status, pending_items) VALUES (?,?,?,?,?,?,?,?,'running',?::jsonb)", id, scope.orgId(),
                scope.projectId(), scope.userId(), target, scenario, samples.size(), threshold, Json.write(kept));
    }

    /** The running run with its kept samples; empty when it is not running or was recorded without them. */
    public Optional<PendingRun> pending(String id) {
        return jdbc.query("SELECT scenario, threshold, pending_items::text FROM simulation_runs WHERE id = ? "
                        + "AND status = 'running' AND pending_items IS NOT NULL",
                (rs, n) -> new PendingRun(id, rs.getString(1), rs.getDouble(2),
                        Json.MAPPER.readValue(rs.getString(3), SAMPLES)), id).stream().findFirst();
    }

    /**
     * Stores the attacks, the verdict and the webhook event together; false, storing nothing, when
     * the run was not running any more (another replica ended it first).
     */
    public boolean succeed(String id, List<AttackResult> attacks, Double score, boolean passed, Map<String, Object> summary,
                           String message) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // the conditional move first: its row lock makes a second finisher wait, then find nothing to update
            if (jdbc.update("UPDATE simulation_runs SET status = 'succeeded', safety_score = ?, passed = ?, "
                    + "summary = ?::jsonb, status_message = ?, pending_items = NULL, ended_at = now() "
                    + "WHERE id = ? AND status = 'running'", score, passed, Json.write(summary), message, id) != 1) {
                return false;
            }
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
            publish(id);
            return true;
        }));
    }

    /** Fails a running run (and writes its event); false when it was not running (any more). */
    public boolean fail(String id, String message) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (jdbc.update("UPDATE simulation_runs SET status = 'failed', status_message = ?, pending_items = NULL, "
                    + "ended_at = now() WHERE id = ? AND status = 'running'", message, id) != 1) {
                return false;
            }
            publish(id);
            return true;
        }));
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

    /** Runs recorded as running, oldest first. */
    public List<ProbeRecords.LiveRun> running() {
        return jdbc.query("SELECT id, org_id, project_id, created_at FROM simulation_runs WHERE status = 'running' ORDER BY created_at",
                (rs, n) -> new ProbeRecords.LiveRun(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    /** The run's status, empty when there is no such run. */
    public Optional<String> status(String runId) {
        return jdbc.query("SELECT status FROM simulation_runs WHERE id = ?", (rs, n) -> rs.getString(1), runId).stream().findFirst();
    }
}
