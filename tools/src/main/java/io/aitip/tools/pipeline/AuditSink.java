package io.aitip.tools.pipeline;

/** Where the pipeline records every decision and outcome. Implementations must never block a call for long. */
public interface AuditSink {

    void record(AuditEvent event);
}
