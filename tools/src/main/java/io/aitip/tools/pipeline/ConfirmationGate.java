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

    /**
     * Consumes the token when it confirms exactly this call; otherwise leaves it as it is and says
     * why not. A token of another principal is a {@link Redemption#MISMATCH} whatever its state, so
     * nobody learns anything about another person's tokens.
     */
    Redemption redeem(String token, Principal principal, String tool, String argumentsHash);

    record Ticket(String token, String summary, Instant expiresAt) {
    }

    /** What became of a token the caller sent back. */
    enum Redemption {
        /** Valid for this call and now spent: the call runs. */
        REDEEMED,
        /** No such token. */
        UNKNOWN,
        /** Past its time to live, or issued under an older policy version. */
        EXPIRED,
        /** Already spent on an earlier call. */
        REPLAYED,
        /** Issued for another principal, another tool or other arguments. */
        MISMATCH
    }
}
