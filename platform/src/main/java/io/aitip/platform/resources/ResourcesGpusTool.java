package io.aitip.platform.resources;

import io.aitip.platform.training.GpuPool;
import io.aitip.platform.training.GpuType;
import io.aitip.platform.training.JobExecutor;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The GPU pool of the executor: per type the total and free devices, and every device. */
@Component
public class ResourcesGpusTool implements Tool<ResourcesGpusTool.Input> {

    public record Input(@Param("Only this GPU type (t4, l4, a10g, a100, h100, h200, rtx4090); all types when omitted.")
                        GpuType gpuType) {
    }

    public record TypeSummary(String gpuType, int total, int free) {
    }

    /** A device as callers see it: busy or free, never which (possibly another tenant's) job holds it. */
    public record DeviceView(int index, String gpuType, String name, long memoryMb, boolean busy) {
    }

    public record Result(List<TypeSummary> types, List<DeviceView> devices) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("resources_gpus")
            .toolset("resources")
            .title("GPU pool")
            .description("Shows the GPUs the executor schedules onto: per type the total and free count, and each "
                    + "device with the job that holds it. Check it before training_submit with resources.gpu_count; "
                    + "jobs that ask for busy GPUs wait in the queue.")
            .readOnly()
            .permission("resources:read")
            .example("en", "How many GPUs are free?", Map.of())
            .example("en", "Show me the A100 GPUs", Map.of("gpu_type", "a100"))
            .example("zh", "现在有多少空闲的 GPU？", Map.of())
            .example("zh", "查看 T4 显卡的使用情况", Map.of("gpu_type", "t4"))
            .build();

    private final JobExecutor executor;

    public ResourcesGpusTool(JobExecutor executor) {
        this.executor = executor;
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
        GpuPool pool = executor.pool();
        String only = input.gpuType() == null ? null : input.gpuType().wire();
        Map<String, TypeSummary> types = new TreeMap<>();
        List<DeviceView> devices = new ArrayList<>();
        for (GpuPool.Device device : pool.devices()) {
            if (only == null || only.equals(device.type())) {
                devices.add(new DeviceView(device.index(), device.type(), device.name(), device.memoryMb(),
                        device.jobId() != null));
                types.computeIfAbsent(device.type(), type -> new TypeSummary(type, pool.total(type), pool.free(type)));
            }
        }
        return new Result(List.copyOf(types.values()), devices);
    }
}
