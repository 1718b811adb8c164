package io.aitip.platform.training;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Training jobs in PostgreSQL. Tool-facing reads are scoped to an org and project; the executor's
 * reads ({@link #findById}, {@link #live}) are not, since it serves every tenant. Status changes go
 * through {@link JobStateMachine}, never through this class.
 */
@Repository
public class TrainingJobStore {

    static final String COLUMNS = "id, org_id, project_id, owner_id, name, model, dataset_id, dataset_version, framework, "
            + "command, image, config::text AS config, gpu_type, gpu_count, cpu, memory_gb, distributed, nodes, "
            + "experiment_id, priority, max_runtime_minutes, status, status_message, assigned_gpus, pid, pid_started_at, "
            + "work_dir, log_offset, exit_code, checkpoint_path, queued_at, started_at, ended_at, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public TrainingJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TrainingJob j) {
        insert(j, null);
    }

    /** @param callbackUrl where the job's terminal webhook event goes too (a per-call callback_url); may be null */
    public void insert(TrainingJob j, String callbackUrl) {
        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, dataset_id, dataset_version, "
                        + "framework, command, image, config, gpu_type, gpu_count, cpu, memory_gb, distributed, nodes, "
                        + "experiment_id, priority, max_runtime_minutes, status, callback_url) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?,?,?,?,?,?,?,?,?,?)",
                j.id(), j.orgId(), j.projectId(), j.ownerId(), j.name(), j.model(), j.datasetId(), j.datasetVersion(),
                j.framework(), j.command(), j.image(), Json.write(j.config()), j.gpuType(), j.gpuCount(), j.cpu(),
                j.memoryGb(), j.distributed(), j.nodes(), j.experimentId(), j.priority(), j.maxRuntimeMinutes(),
                j.status().wire(), callbackUrl);
    }

    public Optional<TrainingJob> find(Scope scope, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM training_jobs WHERE org_id = ? AND project_id = ? AND id = ?",
                TrainingJobStore::map, scope.orgId(), scope.projectId(), id.trim()).stream().findFirst();
    }

    /** Any tenant's job: for the executor only. */
    public Optional<TrainingJob> findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM training_jobs WHERE id = ?", TrainingJobStore::map, id)
                .stream().findFirst();
    }

    /** Newest first, at most {@code limit} after the cursor. */
    public List<TrainingJob> list(Scope scope, JobStatus status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM training_jobs WHERE org_id = ? AND project_id = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(scope.orgId(), scope.projectId()));
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
        return jdbc.query(sql.toString(), TrainingJobStore::map, args.toArray());
    }

    /**
     * Every pending, queued or running job of every tenant that the executor runs, in the order they
     * entered the queue; runs logged from outside (origin {@code external}, the MLflow API) are not the executor's.
     */
    public List<TrainingJob> live() {
        return jdbc.query("SELECT " + COLUMNS + " FROM training_jobs WHERE status IN ('pending', 'queued', 'running') "
                + "AND origin = 'executor' ORDER BY queued_at NULLS LAST, created_at, id", TrainingJobStore::map);
    }

    /** The jobs (runs) of these experiments in the caller's project, newest first, at most {@code limit}. */
    public List<TrainingJob> inExperiments(Scope scope, List<String> experimentIds, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM training_jobs WHERE org_id = ? AND project_id = ? "
                        + "AND experiment_id = ANY(?::text[]) ORDER BY created_at DESC, id DESC LIMIT ?", TrainingJobStore::map,
                scope.orgId(), scope.projectId(), experimentIds.toArray(String[]::new), limit);
    }

    /** The experiment with this id or name in the project; empty when there is none. */
    public Optional<String> experimentId(Scope scope, String idOrName) {
        return jdbc.queryForList("SELECT id FROM experiments WHERE org_id = ? AND project_id = ? AND (id = ? OR name = ?) "
                        + "ORDER BY (id = ?) DESC LIMIT 1", String.class,
                scope.orgId(), scope.projectId(), idOrName, idOrName, idOrName).stream().findFirst();
    }

    /** Creates an experiment by name (or returns the one created concurrently). */
    public String createExperiment(Scope scope, String name) {
        try {
            String id = Ids.next("exp");
            jdbc.update("INSERT INTO experiments (id, org_id, project_id, name, description) VALUES (?,?,?,?,?)",
                    id, scope.orgId(), scope.projectId(), name, "created by training_submit");
            return id;
        } catch (DuplicateKeyException e) {
            return experimentId(scope, name).orElseThrow();
        }
    }

    static TrainingJob map(ResultSet rs, int row) throws SQLException {
        return new TrainingJob(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("owner_id"), rs.getString("name"), rs.getString("model"), rs.getString("dataset_id"),
                rs.getString("dataset_version"), rs.getString("framework"), rs.getString("command"), rs.getString("image"),
                Json.MAPPER.readValue(rs.getString("config"), TrainingConfig.class), rs.getString("gpu_type"),
                rs.getInt("gpu_count"), (Double) rs.getObject("cpu"), (Double) rs.getObject("memory_gb"),
                rs.getString("distributed"), rs.getInt("nodes"), rs.getString("experiment_id"), rs.getInt("priority"),
                (Integer) rs.getObject("max_runtime_minutes"), JobStatus.parse(rs.getString("status")),
                rs.getString("status_message"), rs.getString("assigned_gpus"), (Long) rs.getObject("pid"),
                instant(rs, "pid_started_at"), rs.getString("work_dir"), rs.getLong("log_offset"),
                (Integer) rs.getObject("exit_code"), rs.getString("checkpoint_path"), instant(rs, "queued_at"),
                instant(rs, "started_at"), instant(rs, "ended_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
