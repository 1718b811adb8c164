package io.aitip.server.config;

import io.aitip.tools.pipeline.AuditEvent;
import io.aitip.tools.pipeline.AuditSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Metrics of tool calls. Every call, from every door, is timed once as {@code aitip.tool.calls}
 * (tags: tool, door, result) when its audit event is recorded. The generic HTTP observation is
 * skipped for {@code /mcp}: it cost about a tenth of an MCP request's CPU and says less (every MCP
 * request has the same URI); and for the natural-language door, which times its requests by answer
 * status itself ({@code aitip.nl.requests}).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfig {

    @Bean
    public ObservationPredicate skipMcpHttpObservation() {
        return (name, context) -> !("http.server.requests".equals(name)
                && context instanceof ServerRequestObservationContext request
                && skipped(request.getCarrier().getRequestURI()));
    }

    private static boolean skipped(String uri) {
        return uri.startsWith("/mcp") || uri.equals("/api/v1/agent/natural-language") || uri.equals("/agent/natural-language");
    }

    /** Wraps the audit sink of the pipeline so that each recorded call is also timed. */
    public static AuditSink metered(AuditSink sink, MeterRegistry registry) {
        if (registry == null) {
            return sink;
        }
        return event -> {
            timer(registry, event).record(event.latencyMicros(), TimeUnit.MICROSECONDS);
            sink.record(event);
        };
    }

    private static Timer timer(MeterRegistry registry, AuditEvent event) {
        // an unknown tool name is caller input: never a tag value (unbounded cardinality)
        String tool = "resolve".equals(event.decision()) ? "unknown" : String.valueOf(event.tool());
        return Timer.builder("aitip.tool.calls")
                .description("Tool calls through the invocation pipeline")
                .tag("tool", tool)
                .tag("door", event.door().name().toLowerCase(java.util.Locale.ROOT))
                .tag("result", event.resultCode())
                .register(registry);
    }
}
