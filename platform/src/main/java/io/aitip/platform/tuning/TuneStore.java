package io.aitip.platform.tuning;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * Tunes and their trials in PostgreSQL. Tool reads are scoped to an org and project; the
 * reconciler's ({@link #running}, {@link #findById}, {@link #lease}) serve every tenant.
 */
@Repository
public class TuneStore {

    private static final String COLUMNS = "id, org_id, project_id, owner_id, name, experiment_id, spec::text AS spec, "
            + "parallelism, status, status_message, best_trial, created_at, ended_at";
    private static final TypeReference<Map<String, Double>> PARAMS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public TuneStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new running tune with its pending trials (numbered from 1). */
    public void insert(Tune t, List<Map<String, Double>> trialParams) {
        jdbc.update("INSERT INTO tunes (id, org_id, project_id, owner_id, name, experiment_id, spec, parallelism, status) "
                        + "VALUES (?,?,?,?,?,?,?::jsonb,?, 'running')", t.id(), t.orgId(), t.projectId(), t.ownerId(),
                t.name(), t.experimentId(), Json.write(t.spec()), t.parallelism());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < trialParams.size(); i++) {
            rows.add(new Object[] {t.id(), i + 1, Json.write(trialParams.get(i))});
        }
        jdbc.batchUpdate("INSERT INTO tune_trials (tune_id, number, params, status) VALUES (?,?,?::jsonb,'pending')", rows);
    }

    public void delete(String id) {
        jdbc.update("DELETE FROM tunes WHERE id = ?", id);
    }

    public Optional<Tune> find(Scope scope, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tunes WHERE org_id = ? AND project_id = ? AND id = ?",
                TuneStore::map, scope.orgId(), scope.projectId(), id.trim()).stream().findFirst();
    }

    public Optional<Tune> findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tunes WHERE id = ?", TuneStore::map, id).stream().findFirst();
    }

    /** Newest first, at most {@code limit} after the cursor. */
    public List<Tune> list(Scope scope, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tunes WHERE org_id = ? AND project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), TuneStore::map, args.toArray());
    }

    /** Ids of every running tune of every tenant, oldest first. */
    public List<String> running() {
        return jdbc.queryForList("SELECT id FROM tunes WHERE status = 'running' ORDER BY created_at", String.class);
    }

    /**
     * Takes or renews the lease of a running tune for {@code owner}; false when another reconciler
     * holds an unexpired lease or the tune has ended.
     */
    public boolean lease(String id, String owner, Duration length) {
        return jdbc.update("UPDATE tunes SET lease_owner = ?, lease_until = now() + ? * interval '1 millisecond' "
                + "WHERE id = ? AND status = 'running' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ?)",
                owner, length.toMillis(), id, owner) == 1;
    }

    public List<Trial> trials(String tuneId) {
        return jdbc.query("SELECT tune_id, number, params::text AS params, job_id, status, objective, objective_step, "
                + "message FROM tune_trials WHERE tune_id = ? ORDER BY number", (rs, row) -> new Trial(
                rs.getString("tune_id"), rs.getInt("number"), Json.MAPPER.readValue(rs.getString("params"), PARAMS),
                rs.getString("job_id"), Trial.Status.parse(rs.getString("status")), (Double) rs.getObject("objective"),
                (Long) rs.getObject("objective_step"), rs.getString("message")), tuneId);
    }

    /** Records a trial's move; only a trial not yet done moves, so a finished trial keeps its outcome. */
    public boolean updateTrial(String tuneId, int number, String jobId, Trial.Status status, Double objective,
                               Long objectiveStep, String message) {
        return jdbc.update("UPDATE tune_trials SET job_id = coalesce(?, job_id), status = ?, objective = ?, "
                        + "objective_step = ?, message = ?, updated_at = now() "
                        + "WHERE tune_id = ? AND number = ? AND status IN ('pending', 'running')",
                jobId, status.wire(), objective, objectiveStep, message, tuneId, number) == 1;
    }

    public void best(String tuneId, Integer number) {
        jdbc.update("UPDATE tunes SET best_trial = ?, updated_at = now() WHERE id = ?", number, tuneId);
    }

    /** Ends a running tune; false when it had ended already. */
    public boolean finish(String tuneId, String status, String message) {
        return jdbc.update("UPDATE tunes SET status = ?, status_message = ?, ended_at = now(), updated_at = now(), "
                + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'running'", status, message, tuneId) == 1;
    }

    static Tune map(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Tune(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"), rs.getString("owner_id"),
                rs.getString("name"), rs.getString("experiment_id"),
                Json.MAPPER.readValue(rs.getString("spec"), TuneSpec.class), rs.getInt("parallelism"),
                rs.getString("status"), rs.getString("status_message"), (Integer) rs.getObject("best_trial"),
                rs.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant());
    }
}
