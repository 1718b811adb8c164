package io.aitip.platform.models;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Models and their versions in PostgreSQL; every model query is scoped to one org and project. */
@Repository
public class ModelStore {

    private static final String COLUMNS = "id, org_id, project_id, owner_id, name, description, framework, format, "
            + "latest_version, created_at, updated_at";
    private static final String VERSION_COLUMNS = "v.id, v.model_id, v.version, v.artifact_uri, v.checksum, "
            + "v.source_job_id, v.dataset_id, d.name AS dataset_name, v.dataset_version, v.metrics::text AS metrics, "
            + "v.created_by, v.created_at, v.number";
    private static final TypeReference<TreeMap<String, Double>> METRICS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public ModelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The model with this id or, failing that, this name in the caller's project. */
    public Optional<Model> find(Scope scope, String idOrName) {
        return jdbc.query("SELECT " + COLUMNS + " FROM models WHERE org_id = ? AND project_id = ? AND (id = ? OR name = ?) "
                        + "ORDER BY (id = ?) DESC LIMIT 1", ModelStore::map,
                scope.orgId(), scope.projectId(), idOrName, idOrName, idOrName).stream().findFirst();
    }

    /** Creates the model unless the project has one of that name; either way returns the project's model of that name. */
    public Model createIfAbsent(Scope scope, String name, String description, String framework, String format) {
        jdbc.update("INSERT INTO models (id, org_id, project_id, owner_id, name, description, framework, format) "
                        + "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (org_id, project_id, name) DO NOTHING",
                Ids.next("mdl"), scope.orgId(), scope.projectId(), scope.userId(), name, description, framework, format);
        return jdbc.query("SELECT " + COLUMNS + " FROM models WHERE org_id = ? AND project_id = ? AND name = ?",
                ModelStore::map, scope.orgId(), scope.projectId(), name).stream().findFirst().orElseThrow();
    }

    /** What a new version records. */
    public record NewVersion(String artifactUri, String checksum, String sourceJobId, String datasetId,
                             String datasetVersion, Map<String, Double> metrics, String createdBy) {
    }

    /**
     * Adds the next version in one statement: the model row is locked while its counter moves, so
     * concurrent registrations get v1, v2, … without gaps or repeats. Fills the model's description,
     * framework and format where they are still empty.
     */
    public ModelVersion addVersion(String modelId, NewVersion v, String description, String framework, String format) {
        String id = Ids.next("mv");
        jdbc.update("WITH m AS (UPDATE models SET latest_version = latest_version + 1, updated_at = now(), "
                        + "description = coalesce(description, ?), framework = coalesce(framework, ?), "
                        + "format = coalesce(format, ?) WHERE id = ? RETURNING id, latest_version) "
                        + "INSERT INTO model_versions (id, model_id, version, number, source_job_id, dataset_id, "
                        + "dataset_version, artifact_uri, checksum, metrics, created_by) "
                        + "SELECT ?, m.id, 'v' || m.latest_version, m.latest_version, ?, ?, ?, ?, ?, ?::jsonb, ? FROM m",
                description, framework, format, modelId, id, v.sourceJobId(), v.datasetId(), v.datasetVersion(),
                v.artifactUri(), v.checksum(), Json.write(v.metrics() == null ? Map.of() : v.metrics()), v.createdBy());
        return version(id).orElseThrow();
    }

    public Optional<ModelVersion> version(String versionId) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM model_versions v LEFT JOIN datasets d ON d.id = v.dataset_id "
                + "WHERE v.id = ?", ModelStore::mapVersion, versionId).stream().findFirst();
    }

    /** The version with this number of the model, if any. */
    public Optional<ModelVersion> version(String modelId, int number) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM model_versions v LEFT JOIN datasets d ON d.id = v.dataset_id "
                + "WHERE v.model_id = ? AND v.number = ?", ModelStore::mapVersion, modelId, number).stream().findFirst();
    }

    /** The version of a model already registered from this job, if any. */
    public Optional<ModelVersion> versionFromJob(String modelId, String jobId) {
        return jdbc.query("SELECT " + VERSION_COLUMNS + " FROM model_versions v LEFT JOIN datasets d ON d.id = v.dataset_id "
                        + "WHERE v.model_id = ? AND v.source_job_id = ? ORDER BY v.number LIMIT 1", ModelStore::mapVersion,
                modelId, jobId).stream().findFirst();
    }

    /** Versions newest first, at most {@code limit} with a number below {@code beforeNumber} (null: from the newest). */
    public List<ModelVersion> versions(String modelId, int limit, Integer beforeNumber) {
        StringBuilder sql = new StringBuilder("SELECT " + VERSION_COLUMNS + " FROM model_versions v "
                + "LEFT JOIN datasets d ON d.id = v.dataset_id WHERE v.model_id = ?");
        List<Object> args = new ArrayList<>(List.of(modelId));
        if (beforeNumber != null) {
            sql.append(" AND v.number < ?");
            args.add(beforeNumber);
        }
        sql.append(" ORDER BY v.number DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ModelStore::mapVersion, args.toArray());
    }

    /** Newest first; at most {@code limit} rows after the cursor. */
    public List<Model> list(Scope scope, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM models WHERE org_id = ? AND project_id = ?");
        List<Object> args = new ArrayList<>(List.of(scope.orgId(), scope.projectId()));
        if (after != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ModelStore::map, args.toArray());
    }

    static Model map(ResultSet rs, int row) throws SQLException {
        return new Model(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"), rs.getString("owner_id"),
                rs.getString("name"), rs.getString("description"), rs.getString("framework"), rs.getString("format"),
                rs.getInt("latest_version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static ModelVersion mapVersion(ResultSet rs, int row) throws SQLException {
        String job = rs.getString("source_job_id");
        String dataset = rs.getString("dataset_id");
        ModelVersion.Lineage lineage = new ModelVersion.Lineage(job, dataset, rs.getString("dataset_name"),
                rs.getString("dataset_version"));
        return new ModelVersion(rs.getString("id"), rs.getString("model_id"), rs.getString("version"),
                rs.getString("artifact_uri"), rs.getString("checksum"), lineage,
                Json.MAPPER.readValue(rs.getString("metrics"), METRICS), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
