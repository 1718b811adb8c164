package io.aitip.platform.audit;

import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.AuditEvent;
import io.aitip.tools.pipeline.AuditSink;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes audit rows in batches from one thread, so a tool call never waits on the audit insert and
 * the hash chain is computed in a single, well-defined order. On shutdown the queue is drained.
 * When the queue is full, callers block briefly rather than drop rows.
 */
@Component
public class AuditWriter implements AuditSink {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final int BATCH = 256;

    private final JdbcTemplate jdbc;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread worker;
    private volatile boolean running = true;
    /** Advisory lock key of the audit chain ("AUDI"). */
    private static final long CHAIN_LOCK = 0x41554449L;

    private final TransactionTemplate transaction;

    public AuditWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.worker = new Thread(this::drainLoop, "audit-writer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void record(AuditEvent event) {
        try {
            if (!queue.offer(event, 5, TimeUnit.SECONDS)) {
                log.error("audit queue full for 5 s; writing inline");
                writeBatch(List.of(event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until every event recorded so far is in the table (tests and shutdown). */
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            // the worker holds the monitor while writing; taking it waits for the batch in flight
        }
    }

    @PreDestroy
    public void close() {
        flush();
        running = false;
        worker.interrupt();
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (this) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    writeBatch(batch);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("audit batch of {} rows failed; retrying in 1 s", batch.size(), e);
                sleepQuietly();
            }
        }
    }

    /**
     * Appends one batch in one transaction. The advisory lock serialises writers of the same store
     * (a server and an {@code aitip stdio} beside it): each batch links to the row that is really
     * last, so the chain never forks.
     */
    private synchronized void writeBatch(List<AuditEvent> events) {
        transaction.executeWithoutResult(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")", rs -> null);
            String previous = jdbc.query("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                    rs -> rs.next() ? rs.getString(1) : AuditChain.GENESIS);
            List<Object[]> rows = new ArrayList<>(events.size());
            for (AuditEvent e : events) {
                String arguments = e.arguments() == null ? null : Json.write(e.arguments());
                String hash = AuditChain.hash(previous, AuditChain.Row.of(e));
                rows.add(new Object[] {Timestamp.from(AuditChain.stored(e.at())), e.orgId(), e.projectId(), e.principal(),
                        e.door().name(), e.tool(), arguments, e.decision(), e.rule(), e.resultCode(), e.executionId(),
                        e.latencyMicros(), e.traceId(), previous, hash});
                previous = hash;
            }
            jdbc.batchUpdate("INSERT INTO audit_log (at, org_id, project_id, principal, door, tool, arguments, decision, rule, "
                    + "result_code, execution_id, latency_us, trace_id, prev_hash, hash) "
                    + "VALUES (?,?,?,?,?,?,?::jsonb,?,?,?,?,?,?,?,?)", rows);
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
