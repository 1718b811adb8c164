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
     * {@value #MAX_SERIES}.
     */
    public Map<String, Series> series(String jobId, String nameFilter, int limit) {
        String like = nameFilter == null ? "%" : "%" + nameFilter.replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        Map<String, Series> out = new LinkedHashMap<>();
        Map<String, List<Point>> points = new LinkedHashMap<>();
        jdbc.query("SELECT name, step, value FROM (SELECT name, step, value, "
                        + "row_number() OVER (PARTITION BY name ORDER BY step) AS rn, count(*) OVER (PARTITION BY name) AS cnt "
                        + "FROM job_metrics WHERE job_id = ? AND name ILIKE ?) s "
                        + "WHERE cnt <= ? OR rn = cnt OR (? > 1 AND (rn - 1) % ((cnt + ? - 2) / greatest(? - 1, 1)) = 0) "
                        + "ORDER BY name, step",
                rs -> {
                    points.computeIfAbsent(rs.getString("name"), n -> new ArrayList<>())
                            .add(new Point(rs.getLong("step"), rs.getDouble("value")));
                }, jobId, like, limit, limit, limit, limit);
        jdbc.query("SELECT name, count(*) AS cnt, min(value) AS mn, max(value) AS mx, "
                        + "(array_agg(value ORDER BY step DESC))[1] AS last, max(step) AS last_step "
                        + "FROM job_metrics WHERE job_id = ? AND name ILIKE ? GROUP BY name ORDER BY name LIMIT ?",
                rs -> {
                    String name = rs.getString("name");
                    long count = rs.getLong("cnt");
                    double min = rs.getDouble("mn");
                    double max = rs.getDouble("mx");
                    List<Point> series = points.getOrDefault(name, List.of());
                    while (series.size() > limit) {
                        series.remove(series.size() - 2);
                    }
                    out.put(name, new Series(series, count, count > series.size(), rs.getDouble("last"),
                            rs.getLong("last_step"), min, max, lowerIsBetter(name) ? min : max));
                }, jobId, like, MAX_SERIES);
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
