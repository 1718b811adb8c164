package io.aitip.policy.approvals;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.policy.cedar.CedarPolicy;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Lists and decides approvals. A decision is refused, with its own error code and no side effect,
 * when it comes from the requester ({@code SELF_APPROVAL}), from someone the {@code approve} policy
 * does not allow ({@code PERMISSION_DENIED}), after another decision ({@code ALREADY_DECIDED}) or after
 * the expiry ({@code APPROVAL_EXPIRED}). The decision itself is a conditional UPDATE from
 * {@code pending}, written together with its {@code approval.decided} event; of two approvers
 * racing, one wins. An approval then runs the original call through the pipeline as the requester,
 * and the pipeline consumes the approval, so the call runs exactly once.
 */
@Service
public class ApprovalService {

    public enum Verdict {
        APPROVE, REJECT
    }

    /** The decision and, for an approval, the outcome of the call it ran. */
    public record Decided(ApprovalView approval, ExecutionResult execution) {
    }

    public record Page(List<ApprovalView> approvals, String nextCursor) {
    }

    private final ApprovalStore store;
    private final Requesters requesters;
    private final CedarPolicy policy;
    private final ObjectProvider<InvocationPipeline> pipeline;
    private final ObjectProvider<WebhookOutbox> outbox;
    private final TransactionTemplate tx;

    public ApprovalService(ApprovalStore store, Requesters requesters, CedarPolicy policy,
                           ObjectProvider<InvocationPipeline> pipeline, ObjectProvider<WebhookOutbox> outbox) {
        this.store = store;
        this.requesters = requesters;
        this.policy = policy;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(store.jdbc().getDataSource()));
    }

    public Page list(Principal caller, String status, int limit, String cursor) {
        store.expire(caller.orgId());
        List<Approval> fetched = store.list(caller.orgId(), status, Cursor.decode(cursor), limit + 1);
        return new Page(KeysetPages.page(fetched, limit).stream().map(ApprovalView::of).toList(),
                KeysetPages.nextCursor(fetched, limit, a -> new Cursor(a.createdAt(), a.id()).encode()));
    }

    public Decided decide(Principal approver, String approvalId, Verdict verdict, String comment) {
        store.expire(approver.orgId());
        Approval approval = store.find(approver.orgId(), approvalId).orElseThrow(() -> ToolException.notFound("Approval",
                approvalId, "List the org's approvals with approvals_list."));
        if (approval.requesterId().equals(approver.userId())) {
            throw new ToolException(ErrorCode.SELF_APPROVAL, "You asked for approval " + approval.id()
                    + " yourself; another owner or admin of the org must decide it.");
        }
        RegisteredTool tool = pipeline.getObject().catalog().find(approval.tool()).orElseThrow(() -> new ToolException(
                ErrorCode.CONFLICT, "Tool " + approval.tool() + " is no longer served, so approval " + approval.id()
                        + " cannot run. Reject it."));
        JsonNode arguments = Json.MAPPER.readTree(approval.argumentsJson());
        Decision allowed = policy.mayApprove(approver, tool.spec(), arguments);
        if (allowed.outcome() == Decision.Outcome.DENY) {
            throw new ToolException(ErrorCode.PERMISSION_DENIED, allowed.reason());
        }
        refuseIfFinal(approval);
        String status = verdict == Verdict.APPROVE ? "approved" : "rejected";
        boolean won = Boolean.TRUE.equals(tx.execute(s -> {
            if (!store.decide(store.jdbc(), approval.orgId(), approval.id(), status, approver.userId(), approver.username(),
                    comment)) {
                return false;
            }
            WebhookOutbox events = outbox.getIfAvailable();
            if (events != null) {
                events.publish(store.jdbc(), approval.orgId(), "approval.decided",
                        ApprovalEvents.decided(approval, status, approver.username(), comment), null);
            }
            return true;
        }));
        if (!won) {
            refuseIfFinal(store.find(approval.orgId(), approval.id()).orElseThrow());
            throw new IllegalStateException("approval " + approval.id() + " is pending yet could not be decided");
        }
        ExecutionResult execution = verdict == Verdict.APPROVE ? run(approval, arguments) : null;
        return new Decided(ApprovalView.of(store.find(approval.orgId(), approval.id()).orElseThrow()), execution);
    }

    /** Runs the approved call through the pipeline as the requester, who must still be allowed to act. */
    private ExecutionResult run(Approval approval, JsonNode arguments) {
        Optional<Principal> requester = requesters.current(approval);
        if (requester.isEmpty()) {
            return ExecutionResult.failed("none", approval.tool(), ExecutionStatus.DENIED, ToolError.of(ErrorCode.PERMISSION_DENIED,
                    "The requester is no longer a member of the org or their API key was revoked, so the approved call "
                            + "did not run."));
        }
        Invocation call = new Invocation(requester.get(), Door.valueOf(approval.door().toUpperCase(Locale.ROOT)),
                approval.tool(), arguments, approval.idempotencyKey(), false, false, null, approval.callbackUrl(), null, null,
                approval.traceId()).withApproval(approval.id());
        return pipeline.getObject().invoke(call);
    }

    private static void refuseIfFinal(Approval approval) {
        if (approval.pending() && approval.expiresAt().isAfter(java.time.Instant.now())) {
            return;
        }
        if (approval.pending() || "expired".equals(approval.status())) {
            throw new ToolException(ErrorCode.APPROVAL_EXPIRED, "Approval " + approval.id() + " expired at "
                    + approval.expiresAt() + " without a decision. The requester can call the tool again to ask anew.");
        }
        throw new ToolException(ErrorCode.ALREADY_DECIDED, "Approval " + approval.id() + " was already " + approval.status()
                + " by " + approval.decidedByName() + " at " + approval.decidedAt() + "; decisions are final.");
    }
}
