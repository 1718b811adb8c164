package io.aitip.tools.model;

/** When a call must be confirmed by the person behind the agent before it runs. */
public enum Confirmation {
    /** Never asks. */
    NONE,
    /** Always asks: destructive tools and costly GPU work. */
    ALWAYS
}
