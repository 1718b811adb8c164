package io.aitip.platform.tuning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a trial's objective metric from its job's series ({@code job_metrics}), each read one
 * index range: the score of a finished trial, and what the median stopping rule compares.
 */
@Repository
public class TrialScores {

    /** A value of the objective and the step it belongs to (the last step it covers). */
    public record Score(double value, long step) {
    }

    private final JdbcTemplate jdbc;

    public TrialScores(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The trial's score as the objective asks (last, best or tail mean); empty when it reported no such metric. */
    public Optional<Score> score(String jobId, TuneSpec.Objective objective) {
        boolean minimize = objective.goal() == TuneSpec.Goal.MINIMIZE;
        String sql = switch (objective.use()) {
            case LAST -> "SELECT value, step FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY step DESC LIMIT 1";
            case BEST -> "SELECT value, step FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY value "
                    + (minimize ? "ASC" : "DESC") + ", step LIMIT 1";
            // the last tenth of the points (at least one), averaged
            case TAIL_MEAN -> "SELECT avg(value) AS value, max(step) AS step FROM (SELECT value, step FROM job_metrics "
                    + "WHERE job_id = ? AND name = ? ORDER BY step DESC LIMIT greatest(1, (SELECT count(*) FROM "
                    + "job_metrics WHERE job_id = ? AND name = ?) / 10)) t HAVING count(*) > 0";
        };
        if (objective.use() == TuneSpec.Use.TAIL_MEAN) {
            return jdbc.query(sql, (rs, row) -> new Score(rs.getDouble("value"), rs.getLong("step")),
                    jobId, objective.metric(), jobId, objective.metric()).stream().findFirst();
        }
        return jdbc.query(sql, (rs, row) -> new Score(rs.getDouble("value"), rs.getLong("step")),
                jobId, objective.metric()).stream().findFirst();
    }

    /** A running trial so far: its best value and its latest step; empty before its first point. */
    public Optional<Score> bestSoFar(String jobId, String metric, boolean minimize) {
        return jdbc.query("SELECT " + (minimize ? "min" : "max") + "(value) AS value, max(step) AS step FROM job_metrics "
                        + "WHERE job_id = ? AND name = ? HAVING count(*) > 0",
                (rs, row) -> new Score(rs.getDouble("value"), rs.getLong("step")), jobId, metric).stream().findFirst();
    }

    /** Each job's mean of the metric over its steps up to {@code step}; jobs with no such point are absent. */
    public Map<String, Double> runningAverages(List<String> jobIds, String metric, long step) {
        Map<String, Double> out = new HashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT job_id, avg(value) AS mean FROM job_metrics WHERE job_id = ANY(?::text[]) AND name = ? "
                + "AND step <= ? GROUP BY job_id", rs -> {
                    out.put(rs.getString("job_id"), rs.getDouble("mean"));
                }, jobIds.toArray(String[]::new), metric, step);
        return out;
    }
}
