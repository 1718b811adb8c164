package io.aitip.tools.samples;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;

/** Reference read-only tool: lists GPUs, bounded by {@code limit} and {@code cursor}. */
public final class SampleGpuListTool implements Tool<SampleGpuListTool.Input> {

    public record Input(
            @Param("Only GPUs of this type, e.g. a100; omit for all types.") GpuType gpuType,
            @Param(value = "Most GPUs to return.", min = 1, max = 100) Integer limit,
            @Param("The next_cursor of an earlier page.") String cursor) {
    }

    public record Gpu(String id, GpuType type, boolean free) {
    }

    public record Page(List<Gpu> items, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("resources_sample_gpus")
            .toolset("resources")
            .title("List GPUs (sample)")
            .description("Lists the GPUs of the cluster with their type and whether they are free. "
                    + "Use it before training_submit to pick a gpu_type that has free capacity.")
            .readOnly()
            .permission("resources:read")
            .example("en", "Which A100s are free?", Map.of("gpu_type", "a100"))
            .example("en", "Show me the first 10 GPUs", Map.of("limit", 10))
            .example("zh", "有哪些空闲的 H100？", Map.of("gpu_type", "H100"))
            .example("zh", "列出所有 GPU", Map.of())
            .build();

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
        List<Gpu> all = List.of(new Gpu("gpu-0", GpuType.A100, true), new Gpu("gpu-1", GpuType.H100, false));
        List<Gpu> items = all.stream().filter(g -> input.gpuType() == null || g.type() == input.gpuType())
                .limit(input.limit() == null ? 50 : input.limit()).toList();
        return new Page(items, null);
    }
}
