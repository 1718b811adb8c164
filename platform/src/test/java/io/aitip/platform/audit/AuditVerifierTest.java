package io.aitip.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.testing.TestDatabase;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.pipeline.AuditEvent;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The hash chain against the real PostgreSQL: rows written by the real writer, then tampered with as a superuser. */
class AuditVerifierTest {

    TestDatabase db;
    DataSource dataSource;
    JdbcTemplate jdbc;
    AuditWriter writer;
    AuditVerifier verifier;
    long written;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        dataSource = db.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        writer = new AuditWriter(jdbc, new DataSourceTransactionManager(dataSource));
        verifier = new AuditVerifier(dataSource);
    }

    @AfterEach
    void tearDown() {
        writer.close();
        db.close();
    }

    @Test
    void anEmptyTrailIsIntact() {
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.rows()).isZero();
        assertThat(report.lastSeq()).isNull();
    }

    @Test
    void rowsWrittenByTheWriterVerify() {
        write(2_500); // more than one fetch page
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.rows()).isEqualTo(2_500);
        assertThat(report.breaks()).isZero();
        assertThat(report.brokenSeq()).isNull();
    }

    @Test
    void anEditedRowIsReportedAtItsSeq() {
        write(20);
        long target = seqAt(7);
        tamper("UPDATE audit_log SET result_code = 'succeeded' WHERE seq = " + target);

        AuditVerifier.Report report = verifier.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.brokenSeq()).isEqualTo(target);
        assertThat(report.reason()).isEqualTo("edited");
        assertThat(report.breaks()).as("the rows after it still link to its stored hash").isEqualTo(1);
        assertThat(report.rows()).isEqualTo(20);
    }

    @Test
    void editedArgumentsAreDetectedDespiteJsonbKeyOrder() {
        write(5);
        long target = seqAt(3);
        tamper("UPDATE audit_log SET arguments = jsonb_set(arguments, '{epochs}', '99') WHERE seq = " + target);
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.brokenSeq()).isEqualTo(target);
        assertThat(report.reason()).isEqualTo("edited");
    }

    @Test
    void aDeletedMiddleRowIsReportedAsAGap() {
        write(20);
        long deleted = seqAt(10);
        tamper("DELETE FROM audit_log WHERE seq = " + deleted);

        AuditVerifier.Report report = verifier.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.brokenSeq()).isEqualTo(deleted + 1);
        assertThat(report.reason()).isEqualTo("deleted (gap before seq " + (deleted + 1) + ")");
        assertThat(report.rows()).isEqualTo(19);
    }

    @Test
    void deletedFirstRowsAreDetected() {
        write(5);
        long first = seqAt(1);
        tamper("DELETE FROM audit_log WHERE seq = " + first);
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.brokenSeq()).isEqualTo(first + 1);
        assertThat(report.reason()).startsWith("deleted");
    }

    @Test
    void aForgedLinkWithoutAGapIsABadLink() {
        write(5);
        long target = seqAt(4);
        // a forger who recomputes the row's own hash over a wrong prev_hash
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = ?", target);
        String forgedPrev = "f".repeat(64);
        String forgedHash = AuditChain.hash(forgedPrev, new AuditChain.Row(
                ((java.sql.Timestamp) row.get("at")).toInstant(), (String) row.get("org_id"), (String) row.get("project_id"),
                (String) row.get("principal"), (String) row.get("door"), (String) row.get("tool"),
                AuditChain.Row.argumentsHash(Json.MAPPER.readTree(row.get("arguments").toString())),
                (String) row.get("decision"), (String) row.get("rule"), (String) row.get("result_code"),
                (String) row.get("execution_id"), (Long) row.get("latency_us"), (String) row.get("trace_id")));
        tamper("UPDATE audit_log SET prev_hash = '" + forgedPrev + "', hash = '" + forgedHash + "' WHERE seq = " + target);

        AuditVerifier.Report report = verifier.verify();
        assertThat(report.brokenSeq()).isEqualTo(target);
        assertThat(report.reason()).isEqualTo("bad link");
        // the next row links to the original hash, not the forged one
        assertThat(report.breaks()).isEqualTo(2);
    }

    @Test
    void aSeqHoleBetweenLinkedRowsIsNotABreak() {
        write(3);
        jdbc.queryForObject("SELECT nextval('audit_log_seq_seq')", Long.class); // a rolled-back batch burns values
        write(3);
        AuditVerifier.Report report = verifier.verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.seqGaps()).isEqualTo(1);
    }

    @Test
    void theAppendOnlyTriggerStillRefusesOrdinaryUpdates() {
        write(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("UPDATE audit_log SET rule = 'x'"))
                .hasMessageContaining("append-only");
    }

    private void write(int count) {
        Instant base = Instant.parse("2026-01-01T00:00:00.123456789Z");
        for (int i = 0; i < count; i++) {
            writer.record(new AuditEvent(base.plusSeconds(i), i % 2 == 0 ? "org-a" : "org-b", "prj", "usr-1/key-" + i,
                    Door.values()[i % Door.values().length], "training_submit",
                    Json.tree(Map.of("model", "llama", "epochs", i, "config", Map.of("lr", 0.001, "batch_size", 8),
                            "token", "[REDACTED]")),
                    i % 3 == 0 ? "deny" : "allow", "rbac.permission", i % 3 == 0 ? "PERMISSION_DENIED" : "succeeded",
                    i % 4 == 0 ? null : "exec-" + i, 1000L + i, i % 5 == 0 ? null : "trace-" + i));
        }
        writer.flush();
        written += count;
        // flush() can return while the worker holds a polled batch it has not yet locked for
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class) < written
                && System.nanoTime() < deadline) {
            writer.flush();
        }
    }

    private long seqAt(int position) {
        return jdbc.queryForObject("SELECT seq FROM audit_log ORDER BY seq OFFSET ? LIMIT 1", Long.class, position - 1);
    }

    /** As a superuser, around the append-only trigger. */
    private void tamper(String sql) {
        jdbc.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
        try {
            jdbc.execute(sql);
        } finally {
            jdbc.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
        }
    }
}
