package io.aitip.tools.model;

/** The behaviour hint every tool must choose explicitly; rendered as MCP annotations. */
public enum ToolKind {
    /** Reads state only; safe to retry and to call without confirmation. */
    READ_ONLY,
    /** Creates or changes state, nothing is lost. */
    WRITE,
    /** Stops, deletes or rolls back something; needs a confirmation or an approval rule. */
    DESTRUCTIVE
}
