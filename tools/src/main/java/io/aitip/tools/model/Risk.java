package io.aitip.tools.model;

/** How much harm a mistaken call can do; the policy engine uses it for confirmations and approvals. */
public enum Risk {
    LOW, MEDIUM, HIGH
}
