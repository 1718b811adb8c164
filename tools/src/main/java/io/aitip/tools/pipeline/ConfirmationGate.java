package io.aitip.tools.pipeline;

import io.aitip.tools.security.Principal;
import java.time.Instant;

/**
 * Issues and redeems confirmation tokens for calls that a person must confirm. A token is single
 * use and bound to the principal, the tool, the argument hash and the policy version. Kept behind
 * this interface so that MCP elicitation and the 2026-07-28 {@code input_required} flow can be
 * added without touching the doors.
 */
public interface ConfirmationGate {

    Ticket issue(Principal principal, String tool, String argumentsHash, String summary);

    /** Consumes the token; false when unknown, expired, used, or bound to another call. */
    boolean redeem(String token, Principal principal, String tool, String argumentsHash);

    record Ticket(String token, String summary, Instant expiresAt) {
    }
}
