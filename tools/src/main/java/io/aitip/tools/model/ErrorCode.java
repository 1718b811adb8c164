package io.aitip.tools.model;

/** The error codes of the public contract (DESIGN.md); every error a caller sees has one. */
public enum ErrorCode {
    INVALID_ARGUMENTS,
    NOT_FOUND,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    CONFIRMATION_REQUIRED,
    APPROVAL_REQUIRED,
    QUOTA_EXCEEDED,
    RATE_LIMITED,
    CONFLICT,
    UNAVAILABLE,
    INTERNAL
}
