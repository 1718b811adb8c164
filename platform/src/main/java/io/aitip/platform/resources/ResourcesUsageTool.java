package io.aitip.platform.resources;

import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GPU-hours by project and GPU type over a period. */
@Component
public class ResourcesUsageTool implements Tool<ResourcesUsageTool.Input> {

    public record Input(
            @Param("Only this GPU type (t4, l4, a10g, a100, h100, h200, rtx4090); all types when omitted.") GpuType gpuType,
            @Param(value = "The period (UTC): this_month (default), last_month, today, yesterday, last_7_days, "
                    + "last_30_days, this_year, a year '2026', a month '2026-11', a day '2026-11-22', or days "
                    + "'2026-11-01..2026-11-15'.", maxLength = 30, pattern = UsagePeriod.PATTERN) String period) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("resources_usage")
            .toolset("resources")
            .title("GPU usage")
            .description("Reports GPU-hours used in a period (default this month), by project and by GPU type, from "
                    + "training jobs and every other workload that holds GPUs; only the time inside the period counts "
                    + "and running work counts up to now. Org owners and admins see every project, others their own. "
                    + "For money call resources_costs; for the free GPUs now call resources_gpus.")
            .readOnly()
            .permission("resources:read")
            .example("en", "How many GPU hours did we use this month?", Map.of())
            .example("en", "A100 usage last month", Map.of("gpu_type", "a100", "period", "last_month"))
            .example("zh", "查看 2026-11 的 GPU 使用时长", Map.of("period", "2026-11"))
            .example("zh", "最近 7 天 H100 用了多少卡时？", Map.of("gpu_type", "h100", "period", "last_7_days"))
            .build();

    private final GpuUsageReports reports;

    public ResourcesUsageTool(GpuUsageReports reports) {
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
        return reports.report(context, input.gpuType(), input.period(), false);
    }
}
