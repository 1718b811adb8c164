package io.aitip.platform.training;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.events.LiveEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Job output lines. The executor's tailer appends a batch of lines, the metrics parsed from them
 * and its new read position in {@code output.log} in one statement, so a restart resumes exactly
 * where the stored lines end: nothing is lost or stored twice.
 */
@Repository
public class JobLogStore {

    /** Longest line kept; longer ones are cut and marked. */
    public static final int MAX_LINE = 4000;

    private final JdbcTemplate jdbc;
    private EventBus events;

    public JobLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends lines numbered {@code firstSeq, firstSeq+1, …}, the metric points parsed from them, and
     * records {@code logOffset} (bytes of output.log consumed) on the job, atomically.
     */
    public void append(String jobId, long firstSeq, List<String> lines, List<MetricPoint> metrics, long logOffset) {
        Long[] seqs = new Long[lines.size()];
        String[] texts = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            seqs[i] = firstSeq + i;
            texts[i] = clean(lines.get(i));
        }
        String[] names = metrics.stream().map(MetricPoint::name).toArray(String[]::new);
        Long[] steps = metrics.stream().map(MetricPoint::step).toArray(Long[]::new);
        Double[] values = metrics.stream().map(MetricPoint::value).toArray(Double[]::new);
        Timestamp now = Timestamp.from(Instant.now());
        List<Map<String, Object>> job = jdbc.queryForList("WITH l AS (INSERT INTO job_logs (job_id, seq, at, stream, line) "
                        + "SELECT ?, u.s, ?, 'output', u.t FROM unnest(?::bigint[], ?::text[]) AS u(s, t) ON CONFLICT DO NOTHING), "
                        + "m AS (INSERT INTO job_metrics (job_id, name, step, value, at) "
                        + "SELECT ?, x.n, x.st, x.v, ? FROM unnest(?::text[], ?::bigint[], ?::float8[]) AS x(n, st, v)) "
                        + "UPDATE training_jobs SET log_offset = ?, updated_at = now() WHERE id = ? RETURNING org_id, project_id",
                jobId, now, seqs, texts, jobId, now, names, steps, values, logOffset, jobId);
        if (events != null && !job.isEmpty() && !lines.isEmpty()) {
            // a wake-up for log followers, who read the stored lines themselves (nothing is lost if this is)
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("job_id", jobId);
            data.put("first_seq", firstSeq);
            data.put("last_seq", firstSeq + lines.size() - 1);
            events.publish(LiveEvent.of("job.logs", (String) job.get(0).get("org_id"),
                    (String) job.get(0).get("project_id"), jobId, data));
        }
    }

    /** Where new lines are announced to live watchers. */
    @Autowired(required = false)
    public void setEventBus(EventBus events) {
        this.events = events;
    }

    /** The highest stored seq, 0 when there are no lines. */
    public long lastSeq(String jobId) {
        Long seq = jdbc.queryForObject("SELECT max(seq) FROM job_logs WHERE job_id = ?", Long.class, jobId);
        return seq == null ? 0 : seq;
    }

    /** Lines after {@code afterSeq} (and at or after {@code since}), oldest first, at most {@code limit}. */
    public List<LogLine> after(String jobId, long afterSeq, Instant since, int limit) {
        return jdbc.query("SELECT seq, at, line FROM job_logs WHERE job_id = ? AND seq > ? AND at >= ? ORDER BY seq LIMIT ?",
                (rs, row) -> new LogLine(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("line")),
                jobId, afterSeq, Timestamp.from(since == null ? Instant.EPOCH : since), limit);
    }

    /** The last {@code count} lines, oldest first. */
    public List<LogLine> tail(String jobId, int count) {
        List<LogLine> lines = new ArrayList<>(jdbc.query(
                "SELECT seq, at, line FROM job_logs WHERE job_id = ? ORDER BY seq DESC LIMIT ?",
                (rs, row) -> new LogLine(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("line")),
                jobId, count));
        Collections.reverse(lines);
        return lines;
    }

    private static String clean(String line) {
        String text = line.indexOf('\0') >= 0 ? line.replace('\0', ' ') : line;
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…[line truncated]" : text;
    }
}
