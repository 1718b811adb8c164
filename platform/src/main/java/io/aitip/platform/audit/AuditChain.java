package io.aitip.platform.audit;

import io.aitip.tools.pipeline.AuditEvent;
import io.aitip.tools.pipeline.CanonicalJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * The hash chain over audit rows: each row's hash covers its content and the previous row's hash.
 * Content is hashed in a form that survives the round trip through PostgreSQL (microsecond
 * timestamps, arguments by their canonical hash since jsonb reorders keys).
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** PostgreSQL keeps microseconds; hash what will be stored. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(String previous, Row row) {
        return CanonicalJson.sha256(String.join("\u001f", previous, row.at().toString(), nz(row.orgId()),
                nz(row.projectId()), nz(row.principal()), row.door(), nz(row.tool()), row.argumentsHash(), row.decision(),
                nz(row.rule()), row.resultCode(), nz(row.executionId()), Long.toString(row.latencyMicros()), nz(row.traceId())));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** The hashed content of one row, built from an event or read back from the table. */
    public record Row(Instant at, String orgId, String projectId, String principal, String door, String tool,
                      String argumentsHash, String decision, String rule, String resultCode, String executionId,
                      long latencyMicros, String traceId) {

        static Row of(AuditEvent e) {
            return new Row(stored(e.at()), e.orgId(), e.projectId(), e.principal(), e.door().name(), e.tool(),
                    argumentsHash(e.arguments()), e.decision(), e.rule(), e.resultCode(), e.executionId(),
                    e.latencyMicros(), e.traceId());
        }

        public static String argumentsHash(JsonNode arguments) {
            return arguments == null ? "" : CanonicalJson.hash(arguments);
        }
    }
}
