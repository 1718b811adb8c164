package io.aitip.policy.testing;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for training_submit with the same GPU parameters; records who ran it and with what. */
public final class GpuJobTool implements Tool<GpuJobTool.Input> {

    public record Resources(@Param(value = "GPUs.", min = 0, max = 64) Integer gpuCount,
                            @Param(value = "GPU type.", maxLength = 20) String gpuType) {
    }

    public record Input(@Param(value = "Name.", required = true, maxLength = 100) String name,
                        @Param("Compute.") Resources resources,
                        @Param(value = "Minutes.", min = 1, max = 43_200) Integer maxRuntimeMinutes) {
    }

    /** Who ran the tool (user id) and the job name, one entry per run. */
    public final List<String> runs = new CopyOnWriteArrayList<>();

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("gpu_job_start").toolset("training").title("Start a GPU job")
                .description("Starts a GPU job for tests.").write().permission("training:write").build();
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        runs.add(context.principal().userId() + ":" + input.name());
        return Map.of("job_id", "train-" + runs.size(), "name", input.name());
    }
}
