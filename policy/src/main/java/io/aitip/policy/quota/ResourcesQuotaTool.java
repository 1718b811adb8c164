package io.aitip.policy.quota;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The caller's GPU-hour quotas and budgets: limits, used, reserved and headroom per scope. */
@Component
public class ResourcesQuotaTool implements Tool<ResourcesQuotaTool.Input> {

    public record Input(
            @Param("Only list live reservations of this GPU type (t4, l4, a10g, a100, h100, h200, rtx4090).")
            GpuType gpuType,
            @Param(value = "The month to show, YYYY-MM (UTC); the current month when omitted. The API key's daily "
                    + "budget is shown for today in the current month only.", pattern = "^[0-9]{4}-[0-9]{2}$") String period) {
    }

    /** What a running or starting call holds now. */
    public record Reservation(String reservationId, String tool, String jobId, String gpuType, int gpus,
                              BigDecimal gpuHours, String state) {
    }

    public record Result(String period, List<QuotaUsage> quotas, List<Reservation> reservations) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("resources_quota")
            .toolset("resources")
            .title("GPU quotas and budgets")
            .description("Shows the GPU-hour quotas that admit GPU work for you: the org's and the project's monthly "
                    + "GPU-hours and concurrent GPU jobs, and your API key's daily GPU-hour budget, each with its limit "
                    + "(null = none), used, reserved (estimates of jobs still running) and headroom. A GPU call that "
                    + "does not fit is refused with QUOTA_EXCEEDED; check here, or pass dry_run to see its estimate.")
            .readOnly()
            .permission("resources:read")
            .example("en", "How many GPU-hours do we have left this month?", Map.of())
            .example("en", "Show the quota and my A100 reservations", Map.of("gpu_type", "a100"))
            .example("zh", "我们这个月还剩多少 GPU 小时？", Map.of())
            .example("zh", "查看 2026-10 的 GPU 配额使用情况", Map.of("period", "2026-10"))
            .build();

    private final QuotaStore store;
    private final QuotaAdmission admission;
    private final JdbcTemplate jdbc;

    public ResourcesQuotaTool(QuotaStore store, QuotaAdmission admission, JdbcTemplate jdbc) {
        this.store = store;
        this.admission = admission;
        this.jdbc = jdbc;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Result call(ToolContext context, Input input) {
        Principal principal = context.principal();
        admission.settleEnded(principal.orgId());
        LocalDate today = QuotaStore.today();
        LocalDate day = today;
        if (input.period() != null) {
            try {
                YearMonth month = YearMonth.parse(input.period());
                day = month.equals(YearMonth.from(today)) ? today : month.atDay(1);
            } catch (java.time.format.DateTimeParseException e) {
                throw ToolException.invalid("/period", "period must be a month as YYYY-MM, e.g. " + YearMonth.from(today) + ".");
            }
        }
        boolean current = day.equals(today);
        QuotaStore.Owner owner = new QuotaStore.Owner(principal.orgId(), Scope.of(principal).projectId(),
                current ? principal.apiKeyId() : null);
        List<Reservation> live = jdbc.query("SELECT id, tool, job_id, gpu_type, gpus, gpu_hours, state FROM quota_reservations "
                        + "WHERE org_id = ? AND state IN ('held', 'bound') AND (?::text IS NULL OR gpu_type = ?::text) "
                        + "ORDER BY created_at DESC LIMIT 50",
                (rs, n) -> new Reservation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getBigDecimal(6), rs.getString(7)),
                principal.orgId(), input.gpuType() == null ? null : input.gpuType().wire(),
                input.gpuType() == null ? null : input.gpuType().wire());
        return new Result(QuotaStore.month(day), store.usage(owner, day), current ? live : List.of());
    }
}
