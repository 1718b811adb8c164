package io.aitip.tools.pipeline;

import java.util.Optional;

/** Persists executions: async calls, writes, and calls with idempotency keys. */
public interface ExecutionStore {

    /** Inserts a new execution; false when the idempotency key is already taken. */
    boolean insert(ExecutionRecord record);

    void update(String executionId, ExecutionStatus status, String resultJson, String errorJson);

    Optional<ExecutionRecord> find(String orgId, String executionId);

    Optional<ExecutionRecord> findByIdempotencyKey(String orgId, String subject, String key);
}
