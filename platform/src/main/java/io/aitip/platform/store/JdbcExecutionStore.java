package io.aitip.platform.store;

import io.aitip.tools.pipeline.ExecutionRecord;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.ExecutionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Executions in PostgreSQL; the unique (org, subject, idempotency key) makes retries safe. */
@Repository
public class JdbcExecutionStore implements ExecutionStore {

    private static final String COLUMNS = "id, org_id, project_id, subject, tool, arguments_hash, idempotency_key, status, "
            + "result::text AS result, error::text AS error, callback_url, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public JdbcExecutionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ExecutionRecord r) {
        try {
            jdbc.update("INSERT INTO executions (id, org_id, project_id, subject, tool, arguments_hash, idempotency_key, "
                            + "status, callback_url, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    r.id(), r.orgId(), r.projectId(), r.subject(), r.tool(), r.argumentsHash(), r.idempotencyKey(),
                    r.status().wire(), r.callbackUrl(), Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void update(String executionId, ExecutionStatus status, String resultJson, String errorJson) {
        jdbc.update("UPDATE executions SET status = ?, result = ?::jsonb, error = ?::jsonb, updated_at = now() WHERE id = ?",
                status.wire(), resultJson, errorJson, executionId);
    }

    @Override
    public Optional<ExecutionRecord> find(String orgId, String executionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM executions WHERE org_id = ? AND id = ?",
                JdbcExecutionStore::map, orgId, executionId).stream().findFirst();
    }

    @Override
    public Optional<ExecutionRecord> findByIdempotencyKey(String orgId, String subject, String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM executions WHERE org_id = ? AND subject = ? AND idempotency_key = ?",
                JdbcExecutionStore::map, orgId, subject, key).stream().findFirst();
    }

    private static ExecutionRecord map(ResultSet rs, int row) throws SQLException {
        return new ExecutionRecord(rs.getString("id"), rs.getString("org_id"), rs.getString("project_id"),
                rs.getString("subject"), rs.getString("tool"), rs.getString("arguments_hash"),
                rs.getString("idempotency_key"), ExecutionStatus.parse(rs.getString("status")),
                rs.getString("result"), rs.getString("error"), rs.getString("callback_url"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
