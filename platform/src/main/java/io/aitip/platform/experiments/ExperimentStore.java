package io.aitip.platform.experiments;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Experiments and their runs (training jobs with {@code experiment_id}); every query is scoped to one org and project. */
@Repository
public class ExperimentStore {

    private static final String COLUMNS = "id, org_id, project_id, name, description, hypothesis, status, created_at";

    private final JdbcTemplate jdbc;

    public ExperimentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates an experiment.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the project has one of that name
     */
    public Experiment create(Scope scope, String name, String description, String hypothesis) {
        String id = Ids.next("exp");
        jdbc.update("INSERT INTO experiments (id, org_id, project_id, name, description, hypothesis) VALUES (?,?,?,?,?,?)",
                id, scope.orgId(), scope.projectId(), name, description, hypothesis);
        return find(scope, id).orElseThrow();
    }

    /** The experiment with this id or, failing that, this name in the caller's project. */
    public Optional<Experiment> find(Scope scope, String idOrName) {
        return jdbc.query("SELECT " + COLUMNS + " FROM experiments WHERE org_id = ? AND project_id = ? "
                        + "AND (id = ? OR name = ?) ORDER BY (id = ?) DESC LIMIT 1", ExperimentStore::map,
                scope.orgId(), scope.projectId(), idOrName, idOrName, idOrName).stream().findFirst();
    }

    /** An experiment in a list: with how many runs it has and when the newest started. */
    public record Listed(Experiment experiment, long runCount, Instant lastRunAt) {
    }

    /** Newest first; at most {@code limit} rows after the cursor. */
    public List<Listed> list(Scope scope, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT e.id, e.org_id, e.project_id, e.name, e.description, e.hypothesis, "
                + "e.status, e.created_at, r.cnt, r.last_at FROM experiments e "
                + "LEFT JOIN LATERAL (SELECT count(*) AS cnt, max(j.created_at) AS last_at FROM training_jobs j "
                + "WHERE j.experiment_id = e.id AND j.org_id = e.org_id AND j.project_id = e.project_id) r ON true "
                + "WHERE e.org_id = ? AND e.project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (after != null) {
            sql.append(" AND (e.created_at, e.id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY e.created_at DESC, e.id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> {
            Timestamp last = rs.getTimestamp("last_at");
            return new Listed(map(rs, row), rs.getLong("cnt"), last == null ? null : last.toInstant());
        }, args.toArray());
    }

    /** A run of an experiment as experiment_get shows it (metrics are added by {@link RunMetricStore}). */
    public record Run(String jobId, String name, String model, String status, String statusMessage, String datasetId,
                      String datasetVersion, TrainingConfig config, String checkpointPath, Instant createdAt,
                      Instant endedAt) {
    }

    /** The experiment's runs, newest first; at most {@code limit} after the cursor. */
    public List<Run> runs(Scope scope, String experimentId, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT id, name, model, status, status_message, dataset_id, dataset_version, "
                + "config::text AS config, checkpoint_path, created_at, ended_at FROM training_jobs "
                + "WHERE experiment_id = ? AND org_id = ? AND project_id = ?");
        List<Object> args = new ArrayList<>(List.of(experimentId, scope.orgId(), scope.projectId()));
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> {
            Timestamp ended = rs.getTimestamp("ended_at");
            return new Run(rs.getString("id"), rs.getString("name"), rs.getString("model"), rs.getString("status"),
                    rs.getString("status_message"), rs.getString("dataset_id"), rs.getString("dataset_version"),
                    Json.MAPPER.readValue(rs.getString("config"), TrainingConfig.class), rs.getString("checkpoint_path"), rs.getTimestamp("created_at").toInstant(),
                    ended == null ? null : ended.toInstant());
        }, args.toArray());
    }

    /** How many runs the experiment has, by status. */
    public java.util.Map<String, Long> runCounts(Scope scope, String experimentId) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, count(*) AS cnt FROM training_jobs WHERE experiment_id = ? AND org_id = ? "
                        + "AND project_id = ? GROUP BY status",
                rs -> {
                    counts.put(rs.getString("status"), rs.getLong("cnt"));
                }, experimentId, scope.orgId(), scope.projectId());
        return counts;
    }

    static Experiment map(ResultSet rs, int row) throws SQLException {
        return new Experiment(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"), rs.getString("name"),
                rs.getString("description"), rs.getString("hypothesis"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant());
    }
}
