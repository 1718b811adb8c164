package io.aitip.platform.training;

import static io.aitip.platform.training.JobStatus.CANCELLED;
import static io.aitip.platform.training.JobStatus.FAILED;
import static io.aitip.platform.training.JobStatus.PENDING;
import static io.aitip.platform.training.JobStatus.QUEUED;
import static io.aitip.platform.training.JobStatus.RUNNING;
import static io.aitip.platform.training.JobStatus.SUCCEEDED;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.events.LiveEvent;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of {@code training_jobs.status}. Allowed moves:
 * <pre>
 * pending → queued | cancelled | failed
 * queued  → running | cancelled | failed
 * running → succeeded | failed | cancelled
 * </pre>
 * Terminal states are final. Each move is a conditional {@code UPDATE … WHERE status = from}, so of
 * two concurrent moves from the same state exactly one wins and no state is skipped; the loser
 * gets {@code false} and should re-read the job. A move to a terminal state also writes the job's
 * {@code job.succeeded|failed|cancelled} webhook event, in the same transaction (outbox).
 */
@Component
public class JobStateMachine {

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(QUEUED, CANCELLED, FAILED),
            QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
            RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED),
            SUCCEEDED, EnumSet.noneOf(JobStatus.class),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class));

    private final JdbcTemplate jdbc;
    private final WebhookOutbox outbox;
    private final TransactionTemplate tx;
    private EventBus events;

    /** Without webhook events (lifecycle tests). */
    public JobStateMachine(JdbcTemplate jdbc) {
        this(jdbc, (WebhookOutbox) null);
    }

    @Autowired
    public JobStateMachine(JdbcTemplate jdbc, ObjectProvider<WebhookOutbox> outbox) {
        this(jdbc, outbox.getIfAvailable());
    }

    public JobStateMachine(JdbcTemplate jdbc, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = outbox == null ? null : new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Where status moves are announced to live watchers (SSE, WebSocket, MCP subscriptions). */
    @Autowired(required = false)
    public void setEventBus(EventBus events) {
        this.events = events;
    }

    public static boolean allowed(JobStatus from, JobStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * Moves the job from {@code from} to {@code to} if it is still in {@code from}.
     *
     * @return false when the job was no longer in {@code from} (someone else moved it first)
     * @throws IllegalStateException for a move the lifecycle does not allow
     */
    public boolean transition(String jobId, JobStatus from, JobStatus to, JobChange change) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("illegal training job transition " + from.wire() + " → " + to.wire()
                    + " for " + jobId);
        }
        StringBuilder sql = new StringBuilder("UPDATE training_jobs SET status = ?, updated_at = now()");
        List<Object> args = new ArrayList<>();
        args.add(to.wire());
        if (to == QUEUED) {
            sql.append(", queued_at = coalesce(queued_at, now())");
        } else if (to == RUNNING) {
            sql.append(", started_at = now()");
        } else if (to.terminal()) {
            sql.append(", ended_at = now()");
        }
        for (Map.Entry<String, Object> column : change.columns().entrySet()) {
            sql.append(", ").append(column.getKey()).append(" = ?");
            args.add(column.getValue());
        }
        sql.append(" WHERE id = ? AND status = ? RETURNING org_id, project_id, status_message");
        args.add(jobId);
        args.add(from.wire());
        List<Map<String, Object>> moved;
        if (outbox == null || !to.terminal()) {
            moved = jdbc.queryForList(sql.toString(), args.toArray());
        } else {
            // the status change and its webhook event commit together or not at all
            moved = tx.execute(status -> {
                List<Map<String, Object>> rows = jdbc.queryForList(sql.toString(), args.toArray());
                if (!rows.isEmpty()) {
                    outbox.jobEnded(jdbc, jobId, to.wire());
                }
                return rows;
            });
        }
        if (moved == null || moved.isEmpty()) {
            return false;
        }
        announce(jobId, from, to, moved.get(0));
        return true;
    }

    /** A {@code job.status} live event, after the move committed. */
    private void announce(String jobId, JobStatus from, JobStatus to, Map<String, Object> row) {
        if (events == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("from", from.wire());
        data.put("status", to.wire());
        data.put("status_message", row.get("status_message"));
        data.put("terminal", to.terminal());
        events.publish(LiveEvent.of("job.status", (String) row.get("org_id"), (String) row.get("project_id"), jobId, data));
    }

    /** Moves a live job to {@code to} from whatever live state it is in now; false if it already ended. */
    public boolean end(String jobId, JobStatus to, JobChange change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String current = jdbc.queryForList("SELECT status FROM training_jobs WHERE id = ?", String.class, jobId)
                    .stream().findFirst().orElse(null);
            if (current == null) {
                return false;
            }
            JobStatus from = JobStatus.parse(current);
            if (from.terminal() || !allowed(from, to)) {
                return false;
            }
            if (transition(jobId, from, to, change)) {
                return true;
            }
        }
        return false;
    }
}
