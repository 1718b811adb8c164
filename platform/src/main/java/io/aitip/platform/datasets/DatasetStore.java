package io.aitip.platform.datasets;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Ids;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Datasets and their versions in PostgreSQL; every query is scoped to one org and project. */
@Repository
public class DatasetStore {

    private static final String COLUMNS = "id, org_id, project_id, owner_id, name, description, uri, format, tags, "
            + "status, latest_version, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public DatasetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Creates the dataset and its version {@code v1} in one statement.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the project has a dataset of that name
     */
    public Dataset create(Scope scope, String name, String description, String uri, String format, List<String> tags) {
        String id = Ids.next("ds");
        jdbc.update("WITH d AS (INSERT INTO datasets (id, org_id, project_id, owner_id, name, description, uri, format, tags) "
                        + "VALUES (?,?,?,?,?,?,?,?,?) RETURNING id, uri, owner_id) "
                        + "INSERT INTO dataset_versions (id, dataset_id, version, uri, changes, created_by) "
                        + "SELECT ?, d.id, 'v1', d.uri, 'initial version', d.owner_id FROM d",
                id, scope.orgId(), scope.projectId(), scope.userId(), name, description, uri, format,
                tags == null ? new String[0] : tags.toArray(String[]::new), Ids.next("dsv"));
        return find(scope, id).orElseThrow();
    }

    /** The dataset with this id or, failing that, this name in the caller's project. */
    public Optional<Dataset> find(Scope scope, String idOrName) {
        return jdbc.query("SELECT " + COLUMNS + " FROM datasets WHERE org_id = ? AND project_id = ? AND (id = ? OR name = ?) "
                        + "ORDER BY (id = ?) DESC LIMIT 1", DatasetStore::map,
                scope.orgId(), scope.projectId(), idOrName, idOrName, idOrName).stream().findFirst();
    }

    /** Newest first; at most {@code limit} rows after the cursor. */
    public List<Dataset> list(Scope scope, String status, int limit, Cursor after) {
        MapSqlParameterSource p = scope(scope).addValue("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM datasets WHERE org_id = :org AND project_id = :project");
        if (status != null) {
            sql.append(" AND status = :status");
            p.addValue("status", status);
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (:after_at, :after_id)");
            p.addValue("after_at", Timestamp.from(after.createdAt())).addValue("after_id", after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        return named.query(sql.toString(), p, DatasetStore::map);
    }

    /**
     * Ranks datasets by how many terms match: a name hit weighs 3, a tag 2, the description 1, and
     * a query equal to the name 10. Only datasets with at least one hit come back.
     */
    public List<Scored> search(Scope scope, String query, List<String> terms, int limit) {
        MapSqlParameterSource p = scope(scope).addValue("limit", limit).addValue("query", query.trim());
        StringBuilder score = new StringBuilder("CASE WHEN lower(name) = lower(:query) THEN 10 ELSE 0 END");
        for (int i = 0; i < terms.size(); i++) {
            p.addValue("t" + i, SearchTerms.pattern(terms.get(i)));
            score.append(" + CASE WHEN name ILIKE :t").append(i).append(" THEN 3 ELSE 0 END")
                    .append(" + CASE WHEN array_to_string(tags, ' ') ILIKE :t").append(i).append(" THEN 2 ELSE 0 END")
                    .append(" + CASE WHEN coalesce(description, '') ILIKE :t").append(i).append(" THEN 1 ELSE 0 END");
        }
        String sql = "SELECT * FROM (SELECT " + COLUMNS + ", (" + score + ") AS score FROM datasets "
                + "WHERE org_id = :org AND project_id = :project) s WHERE score > 0 "
                + "ORDER BY score DESC, updated_at DESC, id LIMIT :limit";
        return named.query(sql, p, (rs, row) -> new Scored(map(rs, row), rs.getInt("score")));
    }

    /** A dataset with its search score. */
    public record Scored(Dataset dataset, int score) {
    }

    /**
     * Adds version {@code v(n+1)} with {@code parent} = the current latest, moving the dataset's
     * uri and latest version in the same statement. Empty when another version was added meanwhile.
     */
    public Optional<DatasetVersion> addVersion(Dataset current, String uri, String changes, String userId) {
        String next = "v" + (current.latestVersionNumber() + 1);
        String id = Ids.next("dsv");
        int rows = jdbc.update("WITH d AS (UPDATE datasets SET latest_version = ?, uri = ?, updated_at = now() "
                        + "WHERE id = ? AND latest_version = ? RETURNING id) "
                        + "INSERT INTO dataset_versions (id, dataset_id, version, uri, changes, parent_version, created_by) "
                        + "SELECT ?, d.id, ?, ?, ?, ?, ? FROM d",
                next, uri, current.id(), current.latestVersion(), id, next, uri, changes, current.latestVersion(), userId);
        if (rows == 0) {
            return Optional.empty();
        }
        return versions(current.id()).stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** Every version, oldest first. */
    public List<DatasetVersion> versions(String datasetId) {
        return jdbc.query("SELECT id, dataset_id, version, uri, changes, parent_version, created_by, created_at "
                        + "FROM dataset_versions WHERE dataset_id = ? ORDER BY substring(version from 2)::int",
                (rs, row) -> new DatasetVersion(rs.getString("id"), rs.getString("dataset_id"), rs.getString("version"),
                        rs.getString("uri"), rs.getString("changes"), rs.getString("parent_version"),
                        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant()), datasetId);
    }

    /** The training jobs that read this dataset, newest first. */
    public List<DatasetUse> uses(Scope scope, String datasetId, int limit) {
        return jdbc.query("SELECT id, name, model, dataset_version, status, created_at FROM training_jobs "
                        + "WHERE org_id = ? AND project_id = ? AND dataset_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                (rs, row) -> new DatasetUse(rs.getString("id"), rs.getString("name"), rs.getString("model"),
                        rs.getString("dataset_version"), rs.getString("status"), rs.getTimestamp("created_at").toInstant()),
                scope.orgId(), scope.projectId(), datasetId, limit);
    }

    private static MapSqlParameterSource scope(Scope scope) {
        return new MapSqlParameterSource().addValue("org", scope.orgId()).addValue("project", scope.projectId());
    }

    static Dataset map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        List<String> tagList = tags == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) tags.getArray()));
        return new Dataset(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"), rs.getString("owner_id"),
                rs.getString("name"), rs.getString("description"), rs.getString("uri"), rs.getString("format"), tagList,
                rs.getString("status"), rs.getString("latest_version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
