package io.aitip.tools.model;

/** The error codes of the public contract (DESIGN.md); every error a caller sees has one. */
public enum ErrorCode {
    INVALID_ARGUMENTS,
    NOT_FOUND,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    /** The call must be confirmed: call again with the same arguments and the confirmation token. */
    CONFIRMATION_REQUIRED,
    /** The confirmation token is unknown (never issued, or mistyped). The answer carries a fresh token. */
    CONFIRMATION_INVALID,
    /** The confirmation token is past its time to live, or the policy changed since it was issued. Fresh token attached. */
    CONFIRMATION_EXPIRED,
    /** The confirmation token was already used; each confirms one call. Fresh token attached. */
    CONFIRMATION_REPLAYED,
    /** The confirmation token was issued for another tool, other arguments or another principal. Fresh token attached. */
    CONFIRMATION_MISMATCH,
    APPROVAL_REQUIRED,
    /** The requester of an approval tried to approve or reject it themselves. */
    SELF_APPROVAL,
    /** The approval was already approved or rejected; decisions are final. */
    ALREADY_DECIDED,
    /** The approval waited longer than its time to live; ask for it again. */
    APPROVAL_EXPIRED,
    QUOTA_EXCEEDED,
    RATE_LIMITED,
    CONFLICT,
    UNAVAILABLE,
    INTERNAL
}
