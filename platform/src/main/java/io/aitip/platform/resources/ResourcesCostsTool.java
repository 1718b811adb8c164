package io.aitip.platform.resources;

import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GPU costs (GPU-hours × the configured price per GPU type) by project and GPU type over a period. */
@Component
public class ResourcesCostsTool implements Tool<ResourcesCostsTool.Input> {

    public record Input(
            @Param("Only this GPU type (t4, l4, a10g, a100, h100, h200, rtx4090); all types when omitted.") GpuType gpuType,
            @Param(value = "The period (UTC): this_month (default), last_month, today, yesterday, last_7_days, "
                    + "last_30_days, this_year, a year '2026', a month '2026-11', a day '2026-11-22', or days "
                    + "'2026-11-01..2026-11-15'.", maxLength = 30, pattern = UsagePeriod.PATTERN) String period) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("resources_costs")
            .toolset("resources")
            .title("GPU costs")
            .description("Reports GPU costs in a period (default this month): GPU-hours × the operator's price per "
                    + "GPU-hour of each type (aitip.resources.gpu-prices), by project and GPU type, with the total and "
                    + "the currency. Org owners and admins see every project, others their own. resources_usage has the "
                    + "hours alone.")
            .readOnly()
            .permission("resources:read")
            .example("en", "What did our GPUs cost this month?", Map.of())
            .example("en", "H100 spend for November 2026", Map.of("gpu_type", "h100", "period", "2026-11"))
            .example("zh", "上个月 GPU 花了多少钱？", Map.of("period", "last_month"))
            .example("zh", "统计今年 A100 的费用", Map.of("gpu_type", "a100", "period", "this_year"))
            .build();

    private final GpuUsageReports reports;

    public ResourcesCostsTool(GpuUsageReports reports) {
        this.reports = reports;
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
    public Object call(ToolContext context, Input input) {
        return reports.report(context, input.gpuType(), input.period(), true);
    }
}
