package io.aitip.platform.store;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.events.LiveEvent;
import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.ExecutionRecord;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.ExecutionStore;
import io.aitip.tools.pipeline.MonitoringLinks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Executions in PostgreSQL; the unique (org, subject, idempotency key) makes retries safe. An
 * execution that carries a {@code callback_url} writes its {@code execution.*} webhook event in the
 * same transaction as its terminal status (outbox). Status changes go to the live event bus.
 */
@Repository
public class JdbcExecutionStore implements ExecutionStore {

    private static final String COLUMNS = "id, org_id, project_id, subject, tool, arguments_hash, idempotency_key, status, "
            + "result::text AS result, error::text AS error, callback_url, created_at, updated_at";

    private final JdbcTemplate jdbc;
    /** Executions of this process that asked for a callback: only their terminal update needs a transaction. */
    private final Set<String> withCallback = ConcurrentHashMap.newKeySet();
    private WebhookOutbox outbox;
    private TransactionTemplate tx;
    private EventBus events;

    public JdbcExecutionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Autowired(required = false)
    public void setOutbox(WebhookOutbox outbox) {
        this.outbox = outbox;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    @Autowired(required = false)
    public void setEventBus(EventBus events) {
        this.events = events;
    }

    @Override
    public boolean insert(ExecutionRecord r) {
        try {
            jdbc.update("INSERT INTO executions (id, org_id, project_id, subject, tool, arguments_hash, idempotency_key, "
                            + "status, callback_url, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    r.id(), r.orgId(), r.projectId(), r.subject(), r.tool(), r.argumentsHash(), r.idempotencyKey(),
                    r.status().wire(), r.callbackUrl(), Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()));
        } catch (DuplicateKeyException e) {
            return false;
        }
        if (r.callbackUrl() != null && outbox != null) {
            withCallback.add(r.id());
        }
        announce(r.id(), r.orgId(), r.projectId(), r.tool(), r.status(), null);
        return true;
    }

    @Override
    public void update(String executionId, ExecutionStatus status, String resultJson, String errorJson) {
        String sql = "UPDATE executions SET status = ?, result = ?::jsonb, error = ?::jsonb, updated_at = now() WHERE id = ? "
                + "RETURNING org_id, project_id, tool, callback_url, updated_at";
        if (status.terminal() && withCallback.remove(executionId)) {
            // the terminal status and its callback event commit together or not at all
            tx.executeWithoutResult(s -> {
                List<Map<String, Object>> rows = jdbc.queryForList(sql, status.wire(), resultJson, errorJson, executionId);
                rows.forEach(row -> callback(executionId, status, resultJson, errorJson, row));
                rows.forEach(row -> announceAfterCommit(executionId, status, resultJson, row));
            });
            return;
        }
        jdbc.queryForList(sql, status.wire(), resultJson, errorJson, executionId)
                .forEach(row -> announce(executionId, (String) row.get("org_id"), (String) row.get("project_id"),
                        (String) row.get("tool"), status, resultJson));
    }

    /**
     * Ends executions left {@code queued} or {@code running} for longer than {@code staleAfter} (no
     * call runs that long: the process that ran them died) as {@code failed}, with their callbacks in
     * the same transaction. Safe on any number of replicas: each row moves once. Returns the ids.
     */
    public List<String> failStale(java.time.Duration staleAfter) {
        String error = Json.write(io.aitip.tools.model.ToolError.of(io.aitip.tools.model.ErrorCode.UNAVAILABLE,
                "The server running this call stopped before it finished; its effects may be partial. Check the "
                        + "objects it touched (e.g. training_list), then call again."));
        java.util.List<String> ended = new java.util.ArrayList<>();
        java.util.function.Supplier<java.util.List<Map<String, Object>>> sweep = () -> jdbc.queryForList(
                "UPDATE executions SET status = 'failed', error = ?::jsonb, updated_at = now() "
                        + "WHERE status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => ?) "
                        + "RETURNING id, org_id, project_id, tool, callback_url, updated_at",
                error, (double) staleAfter.toSeconds());
        List<Map<String, Object>> rows = tx == null ? sweep.get() : tx.execute(s -> {
            List<Map<String, Object>> swept = sweep.get();
            for (Map<String, Object> row : swept) {
                if (row.get("callback_url") != null) {
                    callback((String) row.get("id"), ExecutionStatus.FAILED, null, error, row);
                }
            }
            return swept;
        });
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            withCallback.remove(id);
            ended.add(id);
            announce(id, (String) row.get("org_id"), (String) row.get("project_id"), (String) row.get("tool"),
                    ExecutionStatus.FAILED, null);
        }
        return ended;
    }

    private void callback(String executionId, ExecutionStatus status, String resultJson, String errorJson,
                          Map<String, Object> row) {
        String type = "execution." + status.wire();
        if (!WebhookEvents.CALLBACK_TYPES.contains(type)) {
            return;
        }
        JsonNode result = resultJson == null ? null : Json.MAPPER.readTree(resultJson);
        JsonNode error = errorJson == null ? null : Json.MAPPER.readTree(errorJson);
        Instant at = ((Timestamp) row.get("updated_at")).toInstant();
        String org = (String) row.get("org_id");
        outbox.publish(jdbc, org, type, WebhookEvents.executionPayload(type, at, executionId, (String) row.get("tool"),
                status.wire(), result, error, org, (String) row.get("project_id"),
                MonitoringLinks.of(executionId, result)), (String) row.get("callback_url"), false);
    }

    private void announceAfterCommit(String executionId, ExecutionStatus status, String resultJson, Map<String, Object> row) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        announce(executionId, (String) row.get("org_id"), (String) row.get("project_id"),
                                (String) row.get("tool"), status, resultJson);
                    }
                });
    }

    /** An {@code execution.status} live event (WebSocket, events stream). */
    private void announce(String executionId, String org, String project, String tool, ExecutionStatus status,
                          String resultJson) {
        if (events == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execution_id", executionId);
        data.put("tool", tool);
        data.put("status", status.wire());
        if (status.terminal()) {
            data.put("monitoring", MonitoringLinks.of(executionId,
                    resultJson == null ? null : Json.MAPPER.readTree(resultJson)));
        }
        events.publish(LiveEvent.of("execution.status", org, project, executionId, data));
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
