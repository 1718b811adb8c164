package io.aitip.platform.inference;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Inference services and their replicas in PostgreSQL. Tool-facing reads are scoped to an org and
 * project; the executor's reads ({@link #findById}, {@link #liveReplicas()}) serve every tenant.
 * Status columns are written by {@link DeploymentLifecycle} only.
 */
@Repository
public class DeploymentStore {

    static final String COLUMNS = "id, org_id, project_id, owner_id, name, model_id, model_name, model_version, profile, "
            + "canary_version, canary_profile, canary_percent, runtime, gpu_type, gpu_count, replicas, min_replicas, "
            + "max_replicas, status, status_message, ready_at, ended_at, created_at, updated_at";
    static final String REPLICA_COLUMNS = "id, service_id, ordinal, track, version, artifact_uri, profile, status, "
            + "status_message, pid, pid_started_at, port, work_dir, assigned_gpus, restarts, started_at, ready_at, ended_at";

    private final JdbcTemplate jdbc;

    public DeploymentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    void insert(JdbcTemplate tx, Deployment d) {
        tx.update("INSERT INTO inference_services (id, org_id, project_id, owner_id, name, model_id, model_name, "
                        + "model_version, profile, runtime, gpu_type, gpu_count, replicas, min_replicas, max_replicas, "
                        + "status, status_message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.id(), d.orgId(), d.projectId(), d.ownerId(), d.name(), d.modelId(), d.modelName(), d.modelVersion(),
                d.profile(), d.runtime().wire(), d.gpuType(), d.gpuCount(), d.replicas(), d.minReplicas(),
                d.maxReplicas(), d.status().wire(), d.statusMessage());
    }

    /** A new replica row in {@code starting}; its id is {@code <service id>-r<ordinal>}. */
    Replica insertReplica(JdbcTemplate tx, String serviceId, Track track, String version, String artifactUri,
                          String profile) {
        Integer ordinal = tx.queryForObject("SELECT coalesce(max(ordinal) + 1, 0) FROM inference_replicas "
                + "WHERE service_id = ?", Integer.class, serviceId);
        String id = serviceId + "-r" + ordinal;
        tx.update("INSERT INTO inference_replicas (id, service_id, ordinal, track, version, artifact_uri, profile, "
                        + "status, status_message) VALUES (?,?,?,?,?,?,?, 'starting', 'waiting for its process')",
                id, serviceId, ordinal, track.wire(), version, artifactUri, profile);
        return replica(tx, id).orElseThrow();
    }

    /** The service with this id, or failing that the live (else newest) service of this name, in the caller's project. */
    public Optional<Deployment> find(Scope scope, String idOrName) {
        String ref = idOrName.trim();
        return jdbc.query("SELECT " + COLUMNS + " FROM inference_services WHERE org_id = ? AND project_id = ? "
                        + "AND (id = ? OR name = ?) ORDER BY (id = ?) DESC, (status IN ('deploying', 'ready')) DESC, "
                        + "created_at DESC LIMIT 1", DeploymentStore::map,
                scope.orgId(), scope.projectId(), ref, ref, ref).stream().findFirst();
    }

    /** Any tenant's service: for the executor and the lifecycle only. */
    public Optional<Deployment> findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inference_services WHERE id = ?", DeploymentStore::map, id)
                .stream().findFirst();
    }

    public boolean liveNameTaken(Scope scope, String name) {
        return !jdbc.queryForList("SELECT 1 FROM inference_services WHERE org_id = ? AND project_id = ? AND name = ? "
                + "AND status IN ('deploying', 'ready')", scope.orgId(), scope.projectId(), name).isEmpty();
    }

    /** Newest first, at most {@code limit} after the cursor. */
    public List<Deployment> list(Scope scope, ServiceStatus status, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM inference_services WHERE org_id = ? "
                + "AND project_id = ?");
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
        return jdbc.query(sql.toString(), DeploymentStore::map, args.toArray());
    }

    /** The service's replicas, live ones first, then by ordinal. */
    public List<Replica> replicas(String serviceId) {
        return jdbc.query("SELECT " + REPLICA_COLUMNS + " FROM inference_replicas WHERE service_id = ? "
                        + "ORDER BY (status IN ('starting', 'ready')) DESC, ordinal", DeploymentStore::mapReplica,
                serviceId);
    }

    public List<Replica> liveReplicas(String serviceId) {
        return jdbc.query("SELECT " + REPLICA_COLUMNS + " FROM inference_replicas WHERE service_id = ? "
                + "AND status IN ('starting', 'ready') ORDER BY ordinal", DeploymentStore::mapReplica, serviceId);
    }

    /** Ready replicas of the service, by ordinal: what the router sends requests to. */
    public List<Replica> readyReplicas(String serviceId) {
        return jdbc.query("SELECT " + REPLICA_COLUMNS + " FROM inference_replicas WHERE service_id = ? "
                + "AND status = 'ready' ORDER BY ordinal", DeploymentStore::mapReplica, serviceId);
    }

    /** Every starting or ready replica of every tenant (recovery at start-up). */
    public List<Replica> liveReplicas() {
        return jdbc.query("SELECT " + REPLICA_COLUMNS + " FROM inference_replicas WHERE status IN ('starting', 'ready') "
                + "ORDER BY service_id, ordinal", DeploymentStore::mapReplica);
    }

    public Optional<Replica> replica(String id) {
        return replica(jdbc, id);
    }

    static Optional<Replica> replica(JdbcTemplate jdbc, String id) {
        return jdbc.query("SELECT " + REPLICA_COLUMNS + " FROM inference_replicas WHERE id = ?",
                DeploymentStore::mapReplica, id).stream().findFirst();
    }

    static Deployment map(ResultSet rs, int row) throws SQLException {
        return new Deployment(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("owner_id"), rs.getString("name"), rs.getString("model_id"), rs.getString("model_name"),
                rs.getString("model_version"), rs.getString("profile"), rs.getString("canary_version"),
                rs.getString("canary_profile"), rs.getInt("canary_percent"),
                InferenceRuntime.parse(rs.getString("runtime")), rs.getString("gpu_type"), rs.getInt("gpu_count"),
                rs.getInt("replicas"), rs.getInt("min_replicas"), rs.getInt("max_replicas"),
                ServiceStatus.parse(rs.getString("status")), rs.getString("status_message"), instant(rs, "ready_at"),
                instant(rs, "ended_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Replica mapReplica(ResultSet rs, int row) throws SQLException {
        return new Replica(rs.getString("id"), rs.getString("service_id"), rs.getInt("ordinal"),
                Track.parse(rs.getString("track")), rs.getString("version"), rs.getString("artifact_uri"),
                rs.getString("profile"), ReplicaStatus.parse(rs.getString("status")), rs.getString("status_message"),
                (Long) rs.getObject("pid"), instant(rs, "pid_started_at"), (Integer) rs.getObject("port"),
                rs.getString("work_dir"), rs.getString("assigned_gpus"), rs.getInt("restarts"),
                instant(rs, "started_at"), instant(rs, "ready_at"), instant(rs, "ended_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
