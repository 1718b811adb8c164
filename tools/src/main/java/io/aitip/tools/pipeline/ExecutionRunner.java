package io.aitip.tools.pipeline;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs an allowed call: inline or in the background ({@code async}), persisting the execution when
 * it changes state, is async, or carries an idempotency key. Read-only synchronous calls are not
 * stored (their audit row records them), which keeps the hot path free of a database write.
 */
final class ExecutionRunner {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);

    private final ExecutionStore store;
    private final CallAuditor auditor;
    private final Executor asyncExecutor;

    ExecutionRunner(ExecutionStore store, CallAuditor auditor, Executor asyncExecutor) {
        this.store = store;
        this.auditor = auditor;
        this.asyncExecutor = asyncExecutor;
    }

    ExecutionResult run(Invocation call, RegisteredTool tool, JsonNode arguments, String argumentsHash,
                        String executionId, Decision decision, long started, Admission.Result admitted) {
        ToolSpec spec = tool.spec();
        boolean persist = call.async() || call.idempotencyKey() != null || !spec.readOnly();
        if (persist) {
            Instant now = Instant.now();
            ExecutionRecord record = new ExecutionRecord(executionId, call.principal().orgId(), call.principal().projectId(),
                    call.principal().subject(), spec.name(), argumentsHash, call.idempotencyKey(),
                    call.async() ? ExecutionStatus.QUEUED : ExecutionStatus.RUNNING, null, null, call.callbackUrl(), now, now);
            if (!store.insert(record)) {
                admitted.ticket().settle(null);
                // another call with the same idempotency key won the race: answer with its execution
                ExecutionRecord winner = store.findByIdempotencyKey(call.principal().orgId(),
                        call.principal().subject(), call.idempotencyKey()).orElseThrow();
                return auditor.finish(call, spec, arguments, executionId, "allow", "idempotency", started,
                        replay(winner, spec.name(), argumentsHash));
            }
        }
        if (call.async()) {
            asyncExecutor.execute(() -> {
                store.update(executionId, ExecutionStatus.RUNNING, null, null);
                ExecutionResult done = execute(call, tool, arguments, executionId, true);
                admitted.ticket().settle(done);
                auditor.finish(call, spec, arguments, executionId, "allow", decision.rule(), started, done);
            });
            return new ExecutionResult(executionId, ExecutionStatus.QUEUED, spec.name(), null, null, null, null,
                    admitted.estimate(), MonitoringLinks.of(executionId, null));
        }
        ExecutionResult done = execute(call, tool, arguments, executionId, persist);
        admitted.ticket().settle(done);
        return auditor.finish(call, spec, arguments, executionId, "allow", decision.rule(), started,
                admitted.estimate() == null ? done : done.withEstimate(admitted.estimate()));
    }

    private ExecutionResult execute(Invocation call, RegisteredTool tool, JsonNode arguments, String executionId,
                                    boolean persist) {
        ToolContext context = new HandlerContext(call, executionId);
        ExecutionResult result;
        try {
            JsonNode value = Json.tree(tool.invoke(context, arguments));
            result = new ExecutionResult(executionId, ExecutionStatus.SUCCEEDED, tool.name(), value, null, null, null);
        } catch (ToolException e) {
            result = ExecutionResult.failed(executionId, tool.name(), ExecutionStatus.FAILED, e.error());
        } catch (ToolContext.CancelledException e) {
            result = ExecutionResult.failed(executionId, tool.name(), ExecutionStatus.CANCELLED,
                    ToolError.of(ErrorCode.CONFLICT, "The call was cancelled by the caller; nothing further was done."));
        } catch (RuntimeException e) {
            String trace = call.traceId() != null ? call.traceId() : executionId;
            log.error("tool {} failed unexpectedly (trace {})", tool.name(), trace, e);
            result = ExecutionResult.failed(executionId, tool.name(), ExecutionStatus.FAILED, ToolError.of(ErrorCode.INTERNAL,
                    "Internal error (trace " + trace + "). Retry later; report the trace id if it persists."));
        }
        if (persist) {
            store.update(executionId, result.status(),
                    result.result() == null ? null : Json.write(result.result()),
                    result.error() == null ? null : Json.write(result.error()));
        }
        return result;
    }

    /** The earlier execution's answer for a repeated idempotency key; a different call under the same key is a conflict. */
    ExecutionResult replay(ExecutionRecord earlier, String tool, String argumentsHash) {
        if (!earlier.tool().equals(tool) || !earlier.argumentsHash().equals(argumentsHash)) {
            return ExecutionResult.failed(earlier.id(), tool, ExecutionStatus.FAILED, ToolError.of(ErrorCode.CONFLICT,
                    "Idempotency key already used for a different call (" + earlier.tool()
                            + "). Use a new key for a new call."));
        }
        return ExecutionRecords.toResult(earlier);
    }
}
