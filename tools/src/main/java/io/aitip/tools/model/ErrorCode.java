package io.aitip.tools.model;

/** The error codes of the public contract (DESIGN.md); every error a caller sees has one. */
public enum ErrorCode {
    INVALID_ARGUMENTS,
    NOT_FOUND,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    CONFIRMATION_REQUIRED,
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
