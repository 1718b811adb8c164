package io.aitip.platform.resources;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** GPU-hours of training jobs: GPUs per node × nodes × the part of [started, ended or now) inside the window. */
@Component
public class TrainingGpuUsage implements GpuUsageSource {

    private final JdbcTemplate jdbc;

    public TrainingGpuUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Usage> usage(String orgId, String projectId, String gpuType, Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT project_id, gpu_type, count(*) AS jobs, sum(gpu_count * nodes * "
                + "extract(epoch FROM least(coalesce(ended_at, now()), ?) - greatest(started_at, ?)) / 3600.0) AS hours "
                + "FROM training_jobs WHERE org_id = ? AND gpu_count > 0 AND gpu_type IS NOT NULL "
                + "AND started_at IS NOT NULL AND started_at < ? AND coalesce(ended_at, now()) > ?");
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Object> args = new ArrayList<>(List.of(end, start, orgId, end, start));
        if (projectId != null) {
            sql.append(" AND project_id = ?");
            args.add(projectId);
        }
        if (gpuType != null) {
            sql.append(" AND gpu_type = ?");
            args.add(gpuType);
        }
        sql.append(" GROUP BY project_id, gpu_type ORDER BY project_id, gpu_type");
        return jdbc.query(sql.toString(), (rs, row) -> new Usage("training", rs.getString("project_id"),
                rs.getString("gpu_type"), Math.max(0, rs.getDouble("hours")), rs.getLong("jobs")), args.toArray());
    }
}
