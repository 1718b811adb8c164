package io.aitip.platform.runs;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.model.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Runs as the MLflow-compatible API sees them: training jobs (executor or external), their params,
 * tags and metric points with timestamps. Metric writes are batched inserts (rewritten into
 * multi-row statements by the driver); reads of the latest values use loose index scans.
 */
@Repository
public class RunStore {

    /** A metric point as MLflow carries it. */
    public record Metric(String key, double value, long timestampMs, long step) {
    }

    /** The latest point of each key of each job, found by skipping through the (job_id, name, step) index. */
    private static final String LATEST = "WITH RECURSIVE n AS ("
            + " SELECT j.job_id, (SELECT m.name FROM job_metrics m WHERE m.job_id = j.job_id ORDER BY m.name LIMIT 1) AS name"
            + " FROM unnest(?::text[]) AS j(job_id)"
            + " UNION ALL"
            + " SELECT n.job_id, (SELECT m.name FROM job_metrics m WHERE m.job_id = n.job_id AND m.name > n.name"
            + " ORDER BY m.name LIMIT 1) FROM n WHERE n.name IS NOT NULL)"
            + " SELECT n.job_id, n.name, l.step, l.value, l.at FROM n CROSS JOIN LATERAL (SELECT m.step, m.value, m.at"
            + " FROM job_metrics m WHERE m.job_id = n.job_id AND m.name = n.name ORDER BY m.step DESC, m.at DESC LIMIT 1) l"
            + " WHERE n.name IS NOT NULL ORDER BY n.job_id, n.name";

    private final JdbcTemplate jdbc;
    private final TrainingJobStore jobs;

    public RunStore(JdbcTemplate jdbc, TrainingJobStore jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /** A new external run, running from {@code startTime}, in the experiment. */
    public TrainingJob createExternal(Scope scope, String experimentId, String name, Instant startTime) {
        String id = Ids.next("train");
        String runName = name == null || name.isBlank() ? "run-" + id.substring(6) : name.trim();
        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, framework, experiment_id, "
                        + "status, status_message, origin, started_at) VALUES (?,?,?,?,?,?,?,?, 'running', ?, 'external', ?)",
                id, scope.orgId(), scope.projectId(), scope.userId(), runName, "external", "mlflow", experimentId,
                "logged through the MLflow API", Timestamp.from(startTime));
        return jobs.findById(id).orElseThrow();
    }

    public boolean external(String jobId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT origin = 'external' FROM training_jobs WHERE id = ?",
                Boolean.class, jobId));
    }

    public void rename(String jobId, String name) {
        jdbc.update("UPDATE training_jobs SET name = ?, updated_at = now() WHERE id = ?", name, jobId);
    }

    public void appendMetrics(String jobId, List<Metric> metrics) {
        jdbc.batchUpdate("INSERT INTO job_metrics (job_id, name, step, value, at) VALUES (?,?,?,?,?)", metrics, 1000,
                (ps, m) -> {
                    ps.setString(1, jobId);
                    ps.setString(2, m.key());
                    ps.setLong(3, m.step());
                    ps.setDouble(4, m.value());
                    ps.setTimestamp(5, new Timestamp(m.timestampMs()));
                });
    }

    /** Stores params not logged before; returns the keys that were logged before with another value. */
    public List<String> putParams(String jobId, Map<String, String> params) {
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            int inserted = jdbc.update("INSERT INTO run_params (job_id, key, value) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                    jobId, p.getKey(), p.getValue());
            if (inserted == 0) {
                String old = jdbc.queryForObject("SELECT value FROM run_params WHERE job_id = ? AND key = ?", String.class,
                        jobId, p.getKey());
                if (!p.getValue().equals(old)) {
                    conflicts.add(p.getKey());
                }
            }
        }
        return conflicts;
    }

    /** Merges hyperparameters into the job's config (as training_submit would have set them). */
    public void mergeConfig(String jobId, String json) {
        jdbc.update("UPDATE training_jobs SET config = config || ?::jsonb, updated_at = now() WHERE id = ?", json, jobId);
    }

    public void putTags(String jobId, Map<String, String> tags) {
        List<Object[]> rows = new ArrayList<>();
        tags.forEach((k, v) -> rows.add(new Object[] {jobId, k, v}));
        jdbc.batchUpdate("INSERT INTO run_tags (job_id, key, value) VALUES (?,?,?) "
                + "ON CONFLICT (job_id, key) DO UPDATE SET value = excluded.value", rows);
    }

    /** job id → key → value, for params ({@code run_params}) or tags ({@code run_tags}). */
    public Map<String, Map<String, String>> keyValues(String table, List<String> jobIds) {
        if (!table.equals("run_params") && !table.equals("run_tags")) {
            throw new IllegalArgumentException(table);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT job_id, key, value FROM " + table + " WHERE job_id = ANY(?::text[]) ORDER BY job_id, key", rs -> {
            out.computeIfAbsent(rs.getString("job_id"), k -> new TreeMap<>()).put(rs.getString("key"), rs.getString("value"));
        }, (Object) jobIds.toArray(String[]::new));
        return out;
    }

    /** job id → the latest point of each metric key. */
    public Map<String, List<Metric>> latest(List<String> jobIds) {
        Map<String, List<Metric>> out = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        jdbc.query(LATEST, rs -> {
            out.computeIfAbsent(rs.getString("job_id"), k -> new ArrayList<>()).add(new Metric(rs.getString("name"),
                    rs.getDouble("value"), rs.getTimestamp("at").getTime(), rs.getLong("step")));
        }, (Object) jobIds.toArray(String[]::new));
        return out;
    }

    /** The points of one metric by step, at most {@code limit} after {@code offset}. */
    public List<Metric> history(String jobId, String key, int offset, int limit) {
        return jdbc.query("SELECT step, value, at FROM job_metrics WHERE job_id = ? AND name = ? ORDER BY step, at "
                        + "OFFSET ? LIMIT ?", (rs, row) -> new Metric(key, rs.getDouble("value"),
                        rs.getTimestamp("at").getTime(), rs.getLong("step")), jobId, key, offset, limit);
    }

    /** The runs of the experiments in the caller's project, newest first, at most {@code limit}. */
    public List<TrainingJob> runs(Scope scope, List<String> experimentIds, int limit) {
        return jobs.inExperiments(scope, experimentIds, limit);
    }
}
