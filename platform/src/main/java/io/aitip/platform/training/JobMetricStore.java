package io.aitip.platform.training;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Metric series of jobs (loss, accuracy, …), read back downsampled so a long run stays a small answer. */
@Repository
public class JobMetricStore {

    /** At most this many series per answer. */
    public static final int MAX_SERIES = 50;

    private final JdbcTemplate jdbc;

    public JobMetricStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A point of a series as returned. */
    public record Point(long step, double value) {
    }

    /**
     * A series: up to {@code limit} points spread evenly over the run (the last point always
     * included), its size, and summary values. {@code best} is the minimum for loss-like names
     * (loss, error, perplexity, mse, …) and the maximum otherwise.
     */
    public record Series(List<Point> points, long count, boolean downsampled, double last, long lastStep,
                         double min, double max, double best) {
    }

    public void append(String jobId, List<MetricPoint> points) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("INSERT INTO job_metrics (job_id, name, step, value, at) VALUES (?,?,?,?,?)", points, 500,
                (ps, p) -> {
                    ps.setString(1, jobId);
                    ps.setString(2, p.name());
                    ps.setLong(3, p.step());
                    ps.setDouble(4, p.value());
                    ps.setTimestamp(5, now);
                });
    }

    /** The point with the highest step of a series. */
    public Optional<MetricPoint> latest(String jobId, String name) {
        return jdbc.query("SELECT name, step, value FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY step DESC LIMIT 1",
                (rs, row) -> new MetricPoint(rs.getString("name"), rs.getLong("step"), rs.getDouble("value")),
                jobId, name).stream().findFirst();
    }

    /**
     * Series whose name contains {@code nameFilter} (case-insensitive; null for all), by name, at most
     * {@value #MAX_SERIES}. Names, counts and bounds come from the trigger-kept summaries (V17); a
     * series longer than {@code limit} is its first point plus the last point of each of
     * {@code limit - 1} equal step buckets (one index probe each), so a 100k-point series costs
     * {@code limit} probes, not a pass over its points.
     */
    public Map<String, Series> series(String jobId, String nameFilter, int limit) {
        String like = nameFilter == null ? "%" : "%" + nameFilter.replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        record Stats(String name, long count, double min, double max, long first, long last) {
        }
        List<Stats> stats = jdbc.query("SELECT name, count, min_value, max_value, first_step, last_step "
                        + "FROM job_metric_summaries WHERE job_id = ? AND name ILIKE ? ORDER BY name LIMIT ?",
                (rs, row) -> new Stats(rs.getString("name"), rs.getLong("count"), rs.getDouble("min_value"),
                        rs.getDouble("max_value"), rs.getLong("first_step"), rs.getLong("last_step")),
                jobId, like, MAX_SERIES);
        Map<String, Series> out = new LinkedHashMap<>();
        int n = Math.max(1, limit);
        for (Stats st : stats) {
            List<Point> points;
            if (st.count() <= n) {
                points = jdbc.query("SELECT step, value FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY step",
                        (rs, row) -> new Point(rs.getLong("step"), rs.getDouble("value")), jobId, st.name());
            } else {
                points = new ArrayList<>();
                if (n > 1) {
                    points.addAll(jdbc.query("SELECT step, value FROM job_metrics WHERE job_id = ? AND name = ? "
                                    + "ORDER BY step LIMIT 1", (rs, row) -> new Point(rs.getLong("step"), rs.getDouble("value")),
                            jobId, st.name()));
                }
                long buckets = n > 1 ? n - 1 : 1;
                // with the first point taken, buckets start after it; alone, they cover every step
                long lo = n > 1 ? st.first() : st.first() - 1;
                long span = n > 1 ? Math.max(1, st.last() - st.first()) : st.last() - st.first() + 1;
                // bucket k of b covers steps (lo + span * (k - 1) / b, lo + span * k / b]; the last ends at last_step
                points.addAll(jdbc.query("SELECT l.step, l.value FROM generate_series(1, ?::bigint) AS b(k) "
                                + "CROSS JOIN LATERAL (SELECT m.step, m.value FROM job_metrics m WHERE m.job_id = ? "
                                + "AND m.name = ? AND m.step > ?::bigint + (?::bigint * (b.k - 1)) / ?::bigint "
                                + "AND m.step <= ?::bigint + (?::bigint * b.k) / ?::bigint ORDER BY m.step DESC LIMIT 1) l "
                                + "ORDER BY l.step",
                        (rs, row) -> new Point(rs.getLong("step"), rs.getDouble("value")),
                        buckets, jobId, st.name(), lo, span, buckets, lo, span, buckets));
            }
            if (points.isEmpty()) {
                continue;
            }
            Point last = points.get(points.size() - 1);
            out.put(st.name(), new Series(List.copyOf(points), st.count(), st.count() > points.size(), last.value(),
                    last.step(), st.min(), st.max(), lowerIsBetter(st.name()) ? st.min() : st.max()));
        }
        return out;
    }

    static boolean lowerIsBetter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String word : List.of("loss", "error", "err", "perplexity", "ppl", "mse", "mae", "rmse", "wer", "cer")) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
