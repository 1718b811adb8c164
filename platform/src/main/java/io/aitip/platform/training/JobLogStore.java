package io.aitip.platform.training;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        jdbc.update("WITH l AS (INSERT INTO job_logs (job_id, seq, at, stream, line) "
                        + "SELECT ?, u.s, ?, 'output', u.t FROM unnest(?::bigint[], ?::text[]) AS u(s, t) ON CONFLICT DO NOTHING), "
                        + "m AS (INSERT INTO job_metrics (job_id, name, step, value, at) "
                        + "SELECT ?, x.n, x.st, x.v, ? FROM unnest(?::text[], ?::bigint[], ?::float8[]) AS x(n, st, v)) "
                        + "UPDATE training_jobs SET log_offset = ?, updated_at = now() WHERE id = ?",
                jobId, now, seqs, texts, jobId, now, names, steps, values, logOffset, jobId);
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
