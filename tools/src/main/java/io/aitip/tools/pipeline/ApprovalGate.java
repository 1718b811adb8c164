package io.aitip.tools.pipeline;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Records calls that wait for another person's approval, and lets an approved call through exactly
 * once. The pipeline asks it when the policy answers NEEDS_APPROVAL: without an approval id the call
 * becomes a request; with one (the approvals service re-running an approved call as its requester)
 * the approval is consumed.
 */
public interface ApprovalGate {

    /** Records (or finds the pending) request for exactly this call. */
    Request request(Invocation call, ToolSpec spec, JsonNode arguments, String argumentsHash, Decision decision);

    /**
     * Consumes an approved request for this principal, tool and argument hash; true once, false when
     * it is unknown, not approved, already executed, or was for another call.
     */
    boolean redeem(String approvalId, Principal principal, String tool, String argumentsHash, String executionId);

    /** The {@code approval} object of the execute result: who may approve and until when. */
    record Request(String id, String rule, String reason, List<String> approvers, Instant expiresAt) {
    }

    /** Refuses every approval: for pipelines without an approvals store (tests, tools). */
    ApprovalGate NONE = new ApprovalGate() {
        @Override
        public Request request(Invocation call, ToolSpec spec, JsonNode arguments, String argumentsHash, Decision decision) {
            return null;
        }

        @Override
        public boolean redeem(String approvalId, Principal principal, String tool, String argumentsHash, String executionId) {
            return false;
        }
    };
}
