package io.aitip.platform.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads of training jobs' metric series for experiments and models that stay fast on long runs: a
 * series' names and final values come from the {@code (job_id, name, step)} index without reading
 * the points (loose index scans), and histories are downsampled in SQL by step bucket, so a run
 * with 100k points reads one aggregate pass and sends back at most the points asked for.
 */
@Repository
public class RunMetricStore {

    /** The last reported value of a series. */
    public record Final(long step, double value) {
    }

    /** A point of a downsampled history. */
    public record Point(long step, double value) {
    }

    /**
     * One series summarised: its final, best, min and max values and at most the asked number of
     * points, each the last point of an equal share of the series' steps (so the final point is always there).
     */
    public record Summary(long count, double last, long lastStep, double best, String bestIs, double min, double max,
                          boolean downsampled, List<Point> history) {
    }

    /** Names of the series of each job, as many as the index holds, each with its last value. */
    private static final String FINALS = "WITH RECURSIVE n AS ("
            + " SELECT j.job_id, (SELECT m.name FROM job_metrics m WHERE m.job_id = j.job_id ORDER BY m.name LIMIT 1) AS name"
            + " FROM unnest(?::text[]) AS j(job_id)"
            + " UNION ALL"
            + " SELECT n.job_id, (SELECT m.name FROM job_metrics m WHERE m.job_id = n.job_id AND m.name > n.name"
            + " ORDER BY m.name LIMIT 1) FROM n WHERE n.name IS NOT NULL)"
            + " SELECT n.job_id, n.name, l.step, l.value FROM n CROSS JOIN LATERAL (SELECT m.step, m.value FROM job_metrics m"
            + " WHERE m.job_id = n.job_id AND m.name = n.name ORDER BY m.step DESC LIMIT 1) l"
            + " WHERE n.name IS NOT NULL ORDER BY n.job_id, n.name";

    private final JdbcTemplate jdbc;

    public RunMetricStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** job id → metric name → final value, names sorted; jobs without metrics are absent. */
    public Map<String, Map<String, Final>> finals(List<String> jobIds) {
        Map<String, Map<String, Final>> out = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        jdbc.query(FINALS, rs -> {
            out.computeIfAbsent(rs.getString("job_id"), k -> new TreeMap<>())
                    .put(rs.getString("name"), new Final(rs.getLong("step"), rs.getDouble("value")));
        }, (Object) jobIds.toArray(String[]::new));
        return out;
    }

    /**
     * The named series of one job, each summarised with at most {@code points} history points
     * (at least 1). Names without points are absent from the answer.
     *
     * <p>Counts, minimum and maximum come from the series' summary row ({@code job_metric_summaries});
     * the history from one index probe per step bucket (the series' step range cut into
     * {@code points} equal buckets, the last point of each non-empty bucket), so the points of a
     * long series are never all read or sent, and the final point is always the last one.
     */
    public Map<String, Summary> summaries(String jobId, List<String> names, int points) {
        Map<String, Summary> out = new TreeMap<>();
        if (names.isEmpty()) {
            return out;
        }
        long n = Math.max(1, points);
        record Stats(String name, long count, double min, double max, long firstStep, long lastStep) {
        }
        // the trigger-kept summary (V17): no pass over the series' points
        List<Stats> stats = jdbc.query("SELECT name, count AS cnt, min_value AS mn, max_value AS mx, first_step AS lo, "
                        + "last_step AS hi FROM job_metric_summaries WHERE job_id = ? AND name = ANY(?::text[]) ORDER BY name",
                (rs, row) -> new Stats(rs.getString("name"), rs.getLong("cnt"), rs.getDouble("mn"), rs.getDouble("mx"),
                        rs.getLong("lo"), rs.getLong("hi")), jobId, names.toArray(String[]::new));
        for (Stats st : stats) {
            List<Point> history;
            if (st.count() <= n) {
                history = jdbc.query("SELECT step, value FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY step",
                        (rs, row) -> new Point(rs.getLong("step"), rs.getDouble("value")), jobId, st.name());
            } else {
                // bucket k of n covers steps (lo - 1 + span * (k - 1) / n, lo - 1 + span * k / n]; the last ends at hi
                history = jdbc.query("SELECT l.step, l.value FROM generate_series(1, ?::bigint) AS b(k) "
                                + "CROSS JOIN LATERAL (SELECT m.step, m.value FROM job_metrics m WHERE m.job_id = ? "
                                + "AND m.name = ? AND m.step > ?::bigint - 1 + (?::bigint * (b.k - 1)) / ?::bigint "
                                + "AND m.step <= ?::bigint - 1 + (?::bigint * b.k) / ?::bigint "
                                + "ORDER BY m.step DESC LIMIT 1) l ORDER BY l.step",
                        (rs, row) -> new Point(rs.getLong("step"), rs.getDouble("value")),
                        n, jobId, st.name(), st.firstStep(), st.lastStep() - st.firstStep() + 1, n,
                        st.firstStep(), st.lastStep() - st.firstStep() + 1, n);
            }
            if (history.isEmpty()) {
                continue;
            }
            Point last = history.get(history.size() - 1);
            boolean lower = MetricKind.lowerIsBetter(st.name());
            out.put(st.name(), new Summary(st.count(), last.value(), last.step(), lower ? st.min() : st.max(),
                    lower ? "min" : "max", st.min(), st.max(), st.count() > history.size(), List.copyOf(history)));
        }
        return out;
    }
}
