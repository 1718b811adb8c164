package io.aitip.policy.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quota limits, counters and reservations. Reserving is one transaction of conditional UPDATEs on
 * the counter rows, always in the same order (org month, org live, project month, project live, key
 * day) so that concurrent reservations queue on the row locks instead of deadlocking; PostgreSQL
 * re-checks each UPDATE's WHERE against the row version it locked, so no two reservations can
 * both take the last GPU-hours.
 */
@Repository
public class QuotaStore {

    /** The limits in force for a scope: its quota_limits row, else the server defaults. */
    public record Limits(BigDecimal gpuHoursPerMonth, BigDecimal gpuHoursPerDay, Integer concurrentJobs) {
    }

    /** Who a call counts against. */
    public record Owner(String orgId, String projectId, String apiKeyId) {
    }

    /** A live reservation. */
    public record Reservation(String id, String orgId, String projectId, String apiKeyId, int gpus, BigDecimal gpuHours,
                              String month, String day, String jobId, String state) {
    }

    /** A counter a reservation moves, and the limit it must stay within. */
    private record Counter(QuotaScope scope, String id, String period, BigDecimal gpuHoursLimit, Integer jobsLimit) {
    }

    private final JdbcTemplate jdbc;
    private final QuotaProperties defaults;
    private final TransactionTemplate tx;

    public QuotaStore(JdbcTemplate jdbc, QuotaProperties defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    public static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public Limits limits(QuotaScope scope, String id) {
        List<Limits> rows = jdbc.query("SELECT gpu_hours_per_month, gpu_hours_per_day, concurrent_jobs FROM quota_limits "
                        + "WHERE scope_kind = ? AND scope_id = ?",
                (rs, n) -> new Limits(rs.getBigDecimal(1), rs.getBigDecimal(2), (Integer) rs.getObject(3)), scope.wire(), id);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        return switch (scope) {
            case ORG -> new Limits(defaults.orgGpuHoursPerMonth(), null, defaults.orgConcurrentJobs());
            case PROJECT -> new Limits(defaults.projectGpuHoursPerMonth(), null, defaults.projectConcurrentJobs());
            case API_KEY -> new Limits(null, defaults.apiKeyGpuHoursPerDay(), null);
        };
    }

    /** Sets (or with all nulls, keeps unlimited) a scope's limits. */
    public void setLimits(QuotaScope scope, String id, String orgId, Limits limits) {
        jdbc.update("INSERT INTO quota_limits (scope_kind, scope_id, org_id, gpu_hours_per_month, gpu_hours_per_day, "
                        + "concurrent_jobs) VALUES (?,?,?,?,?,?) ON CONFLICT (scope_kind, scope_id) DO UPDATE SET "
                        + "gpu_hours_per_month = EXCLUDED.gpu_hours_per_month, gpu_hours_per_day = EXCLUDED.gpu_hours_per_day, "
                        + "concurrent_jobs = EXCLUDED.concurrent_jobs, updated_at = now()",
                scope.wire(), id, orgId, limits.gpuHoursPerMonth(), limits.gpuHoursPerDay(), limits.concurrentJobs());
    }

    /**
     * Reserves {@code gpuHours} and one running job against every scope of the owner, all or
     * nothing. Empty when reserved; else the scope that had no room.
     */
    public Optional<QuotaUsage> reserve(String reservationId, Owner owner, String executionId, String tool, String gpuType,
                                        int gpus, BigDecimal gpuHours, LocalDate day) {
        List<Counter> counters = counters(owner, day);
        for (Counter counter : counters) {
            jdbc.update("INSERT INTO quota_usage (scope_kind, scope_id, period, org_id) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                    counter.scope().wire(), counter.id(), counter.period(), owner.orgId());
        }
        Counter[] full = new Counter[1];
        tx.executeWithoutResult(status -> {
            for (Counter counter : counters) {
                int moved = counter.period().equals("live")
                        ? jdbc.update("UPDATE quota_usage SET running_jobs = running_jobs + 1 WHERE scope_kind = ? "
                                + "AND scope_id = ? AND period = 'live' AND (?::int IS NULL OR running_jobs + 1 <= ?::int)",
                        counter.scope().wire(), counter.id(), counter.jobsLimit(), counter.jobsLimit())
                        : jdbc.update("UPDATE quota_usage SET reserved_gpu_hours = reserved_gpu_hours + ? WHERE scope_kind = ? "
                                + "AND scope_id = ? AND period = ? AND (?::numeric IS NULL "
                                + "OR used_gpu_hours + reserved_gpu_hours + ? <= ?::numeric)",
                        gpuHours, counter.scope().wire(), counter.id(), counter.period(), counter.gpuHoursLimit(), gpuHours,
                        counter.gpuHoursLimit());
                if (moved != 1) {
                    full[0] = counter;
                    status.setRollbackOnly();
                    return;
                }
            }
            jdbc.update("INSERT INTO quota_reservations (id, org_id, project_id, api_key_id, execution_id, tool, gpu_type, gpus, "
                            + "gpu_hours, month, day, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,'held')",
                    reservationId, owner.orgId(), owner.projectId(), owner.apiKeyId(), executionId, tool, gpuType, gpus,
                    gpuHours, month(day), day.toString());
        });
        return full[0] == null ? Optional.empty() : Optional.of(usage(full[0]));
    }

    /** held → bound to the job the call started. */
    public boolean bind(String reservationId, String jobId) {
        return jdbc.update("UPDATE quota_reservations SET state = 'bound', job_id = ? WHERE id = ? AND state = 'held'",
                jobId, reservationId) == 1;
    }

    /** Ends a reservation: {@code used} GPU-hours become usage (null = released, nothing used). Once only. */
    public boolean settle(String reservationId, BigDecimal used) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            List<Reservation> found = jdbc.query("UPDATE quota_reservations SET state = ?, used_gpu_hours = ?, settled_at = now() "
                            + "WHERE id = ? AND state IN ('held', 'bound') RETURNING id, org_id, project_id, api_key_id, gpus, "
                            + "gpu_hours, month, day, job_id, state",
                    QuotaStore::reservation, used == null ? "released" : "settled", used, reservationId);
            if (found.isEmpty()) {
                return false;
            }
            Reservation r = found.get(0);
            BigDecimal charge = used == null ? BigDecimal.ZERO : used;
            for (Counter counter : counters(new Owner(r.orgId(), r.projectId(), r.apiKeyId()), LocalDate.parse(r.day()))) {
                if (counter.period().equals("live")) {
                    jdbc.update("UPDATE quota_usage SET running_jobs = greatest(running_jobs - 1, 0) WHERE scope_kind = ? "
                            + "AND scope_id = ? AND period = 'live'", counter.scope().wire(), counter.id());
                } else {
                    jdbc.update("UPDATE quota_usage SET reserved_gpu_hours = greatest(reserved_gpu_hours - ?, 0), "
                                    + "used_gpu_hours = used_gpu_hours + ? WHERE scope_kind = ? AND scope_id = ? AND period = ?",
                            r.gpuHours(), charge, counter.scope().wire(), counter.id(), counter.period());
                }
            }
            return true;
        }));
    }

    /**
     * Bound reservations whose training job has ended (of one org, or all when null), with the GPU-hours
     * the job actually used: its GPUs × the time it ran.
     */
    public List<Map.Entry<String, BigDecimal>> endedJobs(String orgId) {
        return jdbc.query("SELECT r.id, r.gpus * coalesce(extract(epoch FROM (j.ended_at - j.started_at)), 0) / 3600.0 "
                        + "FROM quota_reservations r JOIN training_jobs j ON j.id = r.job_id WHERE r.state = 'bound' "
                        + "AND j.status IN ('succeeded', 'failed', 'cancelled') AND (?::text IS NULL OR r.org_id = ?::text)",
                (rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2).setScale(4, RoundingMode.UP)), orgId, orgId);
    }

    /** Held reservations older than the given age whose call never finished (e.g. a crash): to release. */
    public List<String> staleHeld(java.time.Duration age) {
        return jdbc.queryForList("SELECT id FROM quota_reservations WHERE state = 'held' AND created_at < now() - ?::interval",
                String.class, age.toSeconds() + " seconds");
    }

    /** Whether the job exists and, if so, whether it already ended. Empty for an unknown job. */
    public Optional<Boolean> jobEnded(String jobId) {
        return jdbc.queryForList("SELECT status IN ('succeeded', 'failed', 'cancelled') FROM training_jobs WHERE id = ?",
                Boolean.class, jobId).stream().findFirst();
    }

    /** Every scope of the owner for the period of {@code day}. */
    public List<QuotaUsage> usage(Owner owner, LocalDate day) {
        List<QuotaUsage> out = new ArrayList<>();
        for (Counter counter : counters(owner, day)) {
            if (!counter.period().equals("live")) {
                QuotaUsage hours = usage(counter);
                Counter live = counters(owner, day).stream()
                        .filter(c -> c.scope() == counter.scope() && c.period().equals("live")).findFirst().orElse(null);
                if (live == null) {
                    out.add(hours);
                } else {
                    QuotaUsage jobs = usage(live);
                    out.add(new QuotaUsage(hours.scope(), hours.scopeId(), hours.period(), hours.gpuHoursLimit(),
                            hours.gpuHoursUsed(), hours.gpuHoursReserved(), hours.gpuHoursHeadroom(), jobs.concurrentJobsLimit(),
                            jobs.runningJobs(), jobs.jobsHeadroom()));
                }
            }
        }
        return out;
    }

    private QuotaUsage usage(Counter counter) {
        List<Object[]> rows = jdbc.query("SELECT used_gpu_hours, reserved_gpu_hours, running_jobs FROM quota_usage "
                        + "WHERE scope_kind = ? AND scope_id = ? AND period = ?",
                (rs, n) -> new Object[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getInt(3)},
                counter.scope().wire(), counter.id(), counter.period());
        BigDecimal used = rows.isEmpty() ? BigDecimal.ZERO.setScale(4) : (BigDecimal) rows.get(0)[0];
        BigDecimal reserved = rows.isEmpty() ? BigDecimal.ZERO.setScale(4) : (BigDecimal) rows.get(0)[1];
        int running = rows.isEmpty() ? 0 : (Integer) rows.get(0)[2];
        BigDecimal headroom = counter.gpuHoursLimit() == null ? null
                : counter.gpuHoursLimit().subtract(used).subtract(reserved).max(BigDecimal.ZERO);
        Integer jobsHeadroom = counter.jobsLimit() == null ? null : Math.max(0, counter.jobsLimit() - running);
        return new QuotaUsage(counter.scope(), counter.id(), counter.period(), counter.gpuHoursLimit(), used, reserved,
                headroom, counter.jobsLimit(), running, jobsHeadroom);
    }

    private List<Counter> counters(Owner owner, LocalDate day) {
        List<Counter> counters = new ArrayList<>();
        Limits org = limits(QuotaScope.ORG, owner.orgId());
        counters.add(new Counter(QuotaScope.ORG, owner.orgId(), month(day), org.gpuHoursPerMonth(), null));
        counters.add(new Counter(QuotaScope.ORG, owner.orgId(), "live", null, org.concurrentJobs()));
        Limits project = limits(QuotaScope.PROJECT, owner.projectId());
        counters.add(new Counter(QuotaScope.PROJECT, owner.projectId(), month(day), project.gpuHoursPerMonth(), null));
        counters.add(new Counter(QuotaScope.PROJECT, owner.projectId(), "live", null, project.concurrentJobs()));
        if (owner.apiKeyId() != null) {
            Limits key = limits(QuotaScope.API_KEY, owner.apiKeyId());
            counters.add(new Counter(QuotaScope.API_KEY, owner.apiKeyId(), day.toString(), key.gpuHoursPerDay(), null));
        }
        return counters;
    }

    private static Reservation reservation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Reservation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
