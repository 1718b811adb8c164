package io.aitip.platform.resources;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * GPU-hours of inference services: each replica holds its service's GPUs per replica from its start
 * until it ended (a live replica until now, one that died without an end time until its last update).
 */
@Component
public class InferenceGpuUsage implements GpuUsageSource {

    private final JdbcTemplate jdbc;

    public InferenceGpuUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Usage> usage(String orgId, String projectId, String gpuType, Instant from, Instant to) {
        String held = "coalesce(r.ended_at, CASE WHEN r.status IN ('starting', 'ready') THEN now() ELSE r.updated_at END)";
        StringBuilder sql = new StringBuilder("SELECT s.project_id, s.gpu_type, count(DISTINCT s.id) AS services, "
                + "sum(s.gpu_count * extract(epoch FROM least(" + held + ", ?) - greatest(r.started_at, ?)) / 3600.0) AS hours "
                + "FROM inference_replicas r JOIN inference_services s ON s.id = r.service_id "
                + "WHERE s.org_id = ? AND s.gpu_count > 0 AND s.gpu_type IS NOT NULL AND r.started_at IS NOT NULL "
                + "AND r.started_at < ? AND " + held + " > ?");
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Object> args = new ArrayList<>(List.of(end, start, orgId, end, start));
        if (projectId != null) {
            sql.append(" AND s.project_id = ?");
            args.add(projectId);
        }
        if (gpuType != null) {
            sql.append(" AND s.gpu_type = ?");
            args.add(gpuType);
        }
        sql.append(" GROUP BY s.project_id, s.gpu_type ORDER BY s.project_id, s.gpu_type");
        return jdbc.query(sql.toString(), (rs, row) -> new Usage("inference", rs.getString("project_id"),
                rs.getString("gpu_type"), Math.max(0, rs.getDouble("hours")), rs.getLong("services")), args.toArray());
    }
}
