package io.aitip.tools.model;

/** The way a call came in. Every door goes through the same pipeline; the door is recorded in the audit. */
public enum Door {
    MCP, OPENAI, REST, NL, INTERNAL
}
