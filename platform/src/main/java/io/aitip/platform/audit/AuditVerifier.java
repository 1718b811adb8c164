package io.aitip.platform.audit;

import io.aitip.tools.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks the audit trail's hash chain: walks {@code audit_log} in {@code seq} order, recomputes each
 * row's hash with {@link AuditChain} from its stored columns, and checks that each row links to the
 * one before it. Rows stream from the database in pages ({@link #FETCH_SIZE}), so memory stays
 * bounded however long the trail is.
 *
 * <p>What a break means:
 * <ul>
 *   <li>{@code edited}: the row's content (or its {@code prev_hash}) no longer matches its hash;</li>
 *   <li>{@code deleted (gap before seq N)}: the row does not link to the row before it and there is
 *       a hole in {@code seq} just before it (also when the first rows of the trail are gone);</li>
 *   <li>{@code bad link}: the row does not link to the row before it, without a hole (rows forged or
 *       written by a second, unsynchronized chain).</li>
 * </ul>
 * A hole in {@code seq} whose neighbours still link is not a break: a batch whose transaction rolled
 * back burns sequence values (the writer retries it under new ones). Such holes are counted.
 * Deleting the newest rows cannot be seen from the chain alone until a later row links to them.
 */
@Component
public class AuditVerifier {

    static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;

    public AuditVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The outcome of one walk.
     *
     * @param rows       rows checked
     * @param brokenSeq  the first broken row, or null when the chain holds
     * @param reason     why that row is broken ({@code edited}, {@code deleted (gap before seq N)}, {@code bad link})
     * @param breaks     how many rows are broken in all
     * @param seqGaps    holes in {@code seq} whose neighbours still link (rolled-back batches)
     * @param lastSeq    the last row checked, or null for an empty trail
     */
    public record Report(boolean ok, long rows, Long brokenSeq, String reason, long breaks, long seqGaps, Long lastSeq) {
    }

    public Report verify() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams a result set with a fetch size only inside a transaction
            connection.setAutoCommit(false);
            try {
                return walk(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
        }
    }

    private static Report walk(Connection connection) throws SQLException {
        String sql = "SELECT seq, at, org_id, project_id, principal, door, tool, arguments::text, decision, rule, "
                + "result_code, execution_id, latency_us, trace_id, prev_hash, hash FROM audit_log ORDER BY seq";
        long rows = 0;
        long breaks = 0;
        long gaps = 0;
        Long brokenSeq = null;
        String reason = null;
        Long previousSeq = null;
        String previousHash = AuditChain.GENESIS;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    long seq = rs.getLong("seq");
                    String prevHash = rs.getString("prev_hash");
                    String hash = rs.getString("hash");
                    String problem = null;
                    boolean gap = previousSeq != null && seq != previousSeq + 1;
                    if (!AuditChain.hash(prevHash, row(rs)).equals(hash)) {
                        problem = "edited";
                    } else if (!previousHash.equals(prevHash)) {
                        problem = gap || previousSeq == null ? "deleted (gap before seq " + seq + ")" : "bad link";
                    } else if (gap) {
                        gaps++;
                    }
                    if (problem != null) {
                        breaks++;
                        if (brokenSeq == null) {
                            brokenSeq = seq;
                            reason = problem;
                        }
                    }
                    // go on from what is stored: one edited row is one break, not a broken tail
                    previousHash = hash;
                    previousSeq = seq;
                }
            }
        }
        return new Report(brokenSeq == null, rows, brokenSeq, reason, breaks, gaps, previousSeq);
    }

    private static AuditChain.Row row(ResultSet rs) throws SQLException {
        String arguments = rs.getString(8);
        JsonNode parsed = arguments == null ? null : Json.MAPPER.readTree(arguments);
        return new AuditChain.Row(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("org_id"),
                rs.getString("project_id"), rs.getString("principal"), rs.getString("door"), rs.getString("tool"),
                AuditChain.Row.argumentsHash(parsed), rs.getString("decision"), rs.getString("rule"),
                rs.getString("result_code"), rs.getString("execution_id"), rs.getLong("latency_us"),
                rs.getString("trace_id"));
    }
}
