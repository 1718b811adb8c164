package io.aitip.tools.pipeline;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Decision.Outcome;
import io.aitip.tools.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;

/**
 * The one way into the platform (DESIGN.md "One door inside"): resolve → validate → policy →
 * execute (idempotency honoured) → audit → result. Every door calls {@link #invoke}; none has a
 * shortcut. Authentication happens at the door, which hands over a {@link Principal}.
 */
public final class InvocationPipeline {

    private final ToolCatalog catalog;
    private final PolicyHook policy;
    private final ConfirmationGate confirmations;
    private final ApprovalGate approvals;
    private final Admission admission;
    private final CallLimiter limiter;
    private final ExecutionStore executions;
    private final ExecutionRunner runner;
    private final CallAuditor auditor;

    public InvocationPipeline(ToolCatalog catalog, PolicyHook policy, ConfirmationGate confirmations,
                              ExecutionStore executions, AuditSink audit, Executor asyncExecutor) {
        this(catalog, policy, confirmations, ApprovalGate.NONE, executions, audit, asyncExecutor);
    }

    public InvocationPipeline(ToolCatalog catalog, PolicyHook policy, ConfirmationGate confirmations, ApprovalGate approvals,
                              ExecutionStore executions, AuditSink audit, Executor asyncExecutor) {
        this(catalog, policy, confirmations, approvals, Admission.NONE, CallLimiter.NONE, executions, audit, asyncExecutor);
    }

    public InvocationPipeline(ToolCatalog catalog, PolicyHook policy, ConfirmationGate confirmations, ApprovalGate approvals,
                              Admission admission, CallLimiter limiter, ExecutionStore executions, AuditSink audit,
                              Executor asyncExecutor) {
        this.catalog = catalog;
        this.policy = policy;
        this.confirmations = confirmations;
        this.approvals = approvals;
        this.admission = admission;
        this.limiter = limiter;
        this.executions = executions;
        this.auditor = new CallAuditor(audit);
        this.runner = new ExecutionRunner(executions, auditor, asyncExecutor);
    }

    public ToolCatalog catalog() {
        return catalog;
    }

    /** The tools this principal may see and call. */
    public java.util.List<RegisteredTool> visibleTools(Principal principal) {
        return catalog.all().stream().filter(tool -> policy.visible(principal, tool.spec())).toList();
    }

    public boolean visible(Principal principal, ToolSpec spec) {
        return policy.visible(principal, spec);
    }

    public ExecutionResult invoke(Invocation call) {
        long started = System.nanoTime();
        String executionId = Ids.next("exec", 6);
        Optional<RegisteredTool> found = catalog.find(call.tool());
        if (found.isEmpty()) {
            ToolError error = ToolError.of(ErrorCode.NOT_FOUND, "Unknown tool '" + call.tool()
                    + "'. List the tools you may use with tools/list (MCP) or GET /api/v1/agent/tools.");
            return auditor.finish(call, null, call.arguments(), executionId, "resolve", "catalog", started,
                    ExecutionResult.failed(executionId, call.tool(), ExecutionStatus.DENIED, error));
        }
        RegisteredTool tool = found.get();
        ToolSpec spec = tool.spec();
        ToolError limited = call.approvalId() == null ? limiter.check(call.principal(), spec) : null;
        if (limited != null) {
            return auditor.finish(call, spec, call.arguments(), executionId, "rate_limited", "rate-limit", started,
                    ExecutionResult.failed(executionId, spec.name(), ExecutionStatus.DENIED, limited));
        }
        if (!policy.visible(call.principal(), spec)) {
            return deny(call, tool, call.arguments(), executionId, started, "rbac.visibility", notPermitted(spec));
        }
        JsonNode arguments = tool.normalize(call.arguments());
        if (!arguments.isObject()) {
            return invalid(call, tool, arguments, executionId, started, ToolError.at(ErrorCode.INVALID_ARGUMENTS,
                    "Arguments must be a JSON object. Send the tool's parameters as an object.", ""));
        }
        ToolError invalid = tool.validate(arguments);
        if (invalid != null) {
            return invalid(call, tool, arguments, executionId, started, invalid);
        }
        Decision decision = doorRule(call, spec, policy.decide(call.principal(), spec, arguments, call.door()));
        // the hash binds tokens, idempotency keys and stored executions to these exact arguments;
        // a plain read-only call needs none of them, so the hot path skips it
        boolean needsHash = !spec.readOnly() || call.idempotencyKey() != null || call.async()
                || decision.outcome() != Outcome.ALLOW || call.approvalId() != null;
        String argumentsHash = needsHash ? CanonicalJson.hash(arguments) : null;
        if (decision.outcome() == Outcome.DENY) {
            return deny(call, tool, arguments, executionId, started, decision.rule(),
                    ToolError.of(ErrorCode.PERMISSION_DENIED, decision.reason()));
        }
        if (call.dryRun()) {
            Map<String, Object> plan = new java.util.LinkedHashMap<>();
            plan.put("dry_run", true);
            plan.put("decision", decision.outcome().name().toLowerCase(Locale.ROOT));
            plan.put("rule", String.valueOf(decision.rule()));
            plan.put("reason", decision.reason());
            plan.putAll(admission.preview(call, spec, arguments));
            return auditor.finish(call, spec, arguments, executionId, "dry_run", decision.rule(), started,
                    new ExecutionResult(executionId, ExecutionStatus.READY, spec.name(), Json.tree(plan), null, null, null));
        }
        if (call.idempotencyKey() != null) {
            // before the gates: a retry of a call that already ran (confirmed, approved) answers with that run
            Optional<ExecutionRecord> earlier = executions.findByIdempotencyKey(
                    call.principal().orgId(), call.principal().subject(), call.idempotencyKey());
            if (earlier.isPresent()) {
                return auditor.finish(call, spec, arguments, executionId, "allow", "idempotency", started,
                        runner.replay(earlier.get(), spec.name(), argumentsHash));
            }
        }
        if (decision.outcome() == Outcome.NEEDS_CONFIRMATION) {
            ExecutionResult gated = confirmationGate(call, spec, argumentsHash, decision, executionId);
            if (gated != null) {
                return auditor.finish(call, spec, arguments, executionId, "needs_confirmation", decision.rule(), started, gated);
            }
        }
        if (decision.outcome() == Outcome.NEEDS_APPROVAL) {
            ExecutionResult gated = approvalGate(call, spec, arguments, argumentsHash, decision, executionId);
            if (gated != null) {
                return auditor.finish(call, spec, arguments, executionId, "needs_approval", decision.rule(), started, gated);
            }
        } else if (call.approvalId() != null
                && !approvals.redeem(call.approvalId(), call.principal(), spec.name(), argumentsHash, executionId)) {
            // the rules changed since the approval and no longer ask for one: the approval still runs the call once only
            return deny(call, tool, arguments, executionId, started, "approval.redeem", approvalSpent(call.approvalId()));
        }
        Admission.Result admitted = admission.admit(call, spec, arguments, executionId);
        if (admitted.refusal() != null) {
            return auditor.finish(call, spec, arguments, executionId, "quota", "quota", started,
                    ExecutionResult.failed(executionId, spec.name(), ExecutionStatus.DENIED, admitted.refusal())
                            .withEstimate(admitted.estimate()));
        }
        return runner.run(call, tool, arguments, argumentsHash, executionId, decision, started, admitted);
    }

    /**
     * Null when the call may go on (its approval was granted and is consumed now); else the result
     * that records the request and answers {@code pending_approval}. Fails closed without a gate.
     */
    private ExecutionResult approvalGate(Invocation call, ToolSpec spec, JsonNode arguments, String argumentsHash,
                                         Decision decision, String executionId) {
        if (call.approvalId() != null) {
            if (approvals.redeem(call.approvalId(), call.principal(), spec.name(), argumentsHash, executionId)) {
                return null;
            }
            return ExecutionResult.failed(executionId, spec.name(), ExecutionStatus.DENIED, approvalSpent(call.approvalId()));
        }
        ApprovalGate.Request request = approvals.request(call, spec, arguments, argumentsHash, decision);
        if (request == null) {
            return ExecutionResult.failed(executionId, spec.name(), ExecutionStatus.DENIED, ToolError.of(ErrorCode.APPROVAL_REQUIRED,
                    decision.reason() + " This server records no approvals, so the call cannot run."));
        }
        ToolError error = ToolError.of(ErrorCode.APPROVAL_REQUIRED, decision.reason() + " Approval " + request.id()
                + " waits for " + (request.approvers().isEmpty() ? "an org admin" : String.join(", ", request.approvers()))
                + "; once approved it runs exactly once, as you. Follow it with approvals_list.");
        return new ExecutionResult(executionId, ExecutionStatus.PENDING_APPROVAL, spec.name(), null, error, null, request,
                null, null);
    }

    private static ToolError approvalSpent(String approvalId) {
        return ToolError.of(ErrorCode.ALREADY_DECIDED, "Approval " + approvalId + " is not approved for this call, or "
                + "its call already ran. An approval runs its call once; ask for a new one by calling the tool again.");
    }

    /**
     * The natural-language door proposes calls that a person did not spell out, so every call that
     * changes something waits for their confirmation there, whatever the policy allowed. It only
     * tightens: a denial or an approval stays as the policy decided.
     */
    private static Decision doorRule(Invocation call, ToolSpec spec, Decision decision) {
        if (call.door() == io.aitip.tools.model.Door.NL && !spec.readOnly() && decision.outcome() == Outcome.ALLOW) {
            return Decision.confirm("confirm.natural_language", "'" + spec.title()
                    + "' was read from a sentence; the user confirms the call before it runs.");
        }
        return decision;
    }

    /**
     * Null when the call may go on (a valid token was redeemed); else the result that asks for
     * confirmation. A token that does not confirm this call is refused with a code that says why
     * (nothing runs, the audit records the code), and the answer carries a fresh token for this call.
     */
    private ExecutionResult confirmationGate(Invocation call, ToolSpec spec, String argumentsHash, Decision decision,
                                             String executionId) {
        ToolError refused = null;
        if (call.confirmationToken() != null) {
            ConfirmationGate.Redemption redemption = confirmations.redeem(call.confirmationToken(), call.principal(),
                    spec.name(), argumentsHash);
            if (redemption == ConfirmationGate.Redemption.REDEEMED) {
                return null;
            }
            refused = tokenRefused(redemption);
        }
        ConfirmationGate.Ticket ticket = confirmations.issue(call.principal(), spec.name(), argumentsHash, decision.reason());
        ToolError error = refused != null ? refused : ToolError.of(ErrorCode.CONFIRMATION_REQUIRED, decision.reason()
                + " Ask the user to confirm, then call again with the same arguments and confirmation_token.");
        return new ExecutionResult(executionId, ExecutionStatus.NEEDS_CONFIRMATION, spec.name(), null, error, ticket, null);
    }

    private static ToolError tokenRefused(ConfirmationGate.Redemption redemption) {
        String retry = " Nothing ran. If the user still wants this call, confirm it with the new confirmation token "
                + "in this answer.";
        return switch (redemption) {
            case EXPIRED -> ToolError.of(ErrorCode.CONFIRMATION_EXPIRED, "The confirmation token has expired, or the "
                    + "policy changed since it was issued." + retry);
            case REPLAYED -> ToolError.of(ErrorCode.CONFIRMATION_REPLAYED, "The confirmation token was already used; "
                    + "each token confirms one call." + retry);
            case MISMATCH -> ToolError.of(ErrorCode.CONFIRMATION_MISMATCH, "The confirmation token was issued for "
                    + "another call (other arguments, another tool or another caller)." + retry);
            case UNKNOWN, REDEEMED -> ToolError.of(ErrorCode.CONFIRMATION_INVALID, "The confirmation token is unknown."
                    + retry);
        };
    }

    private ExecutionResult deny(Invocation call, RegisteredTool tool, JsonNode arguments, String executionId,
                                 long started, String rule, ToolError error) {
        return auditor.finish(call, tool.spec(), arguments, executionId, "deny", rule, started,
                ExecutionResult.failed(executionId, tool.name(), ExecutionStatus.DENIED, error));
    }

    private ExecutionResult invalid(Invocation call, RegisteredTool tool, JsonNode arguments, String executionId,
                                    long started, ToolError error) {
        return auditor.finish(call, tool.spec(), arguments, executionId, "invalid", "schema", started,
                ExecutionResult.failed(executionId, tool.name(), ExecutionStatus.FAILED, error));
    }

    private static ToolError notPermitted(ToolSpec spec) {
        return ToolError.of(ErrorCode.PERMISSION_DENIED, "You may not use tool '" + spec.name()
                + "': it needs permission " + spec.permission() + ". Ask an org admin for a role that grants it.");
    }
}
