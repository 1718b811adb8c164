package io.aitip.policy.testing;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A destructive stand-in (like training_stop) that records what it stopped. */
public final class StopJobTool implements Tool<StopJobTool.Input> {

    public record Input(@Param(value = "Job.", required = true, maxLength = 50) String jobId,
                        @Param(value = "Why.", maxLength = 500) String reason) {
    }

    public final List<String> stopped = new CopyOnWriteArrayList<>();

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("job_stop").toolset("training").title("Stop a job").description("Stops a job for tests.")
                .destructive().permission("training:write").build();
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        stopped.add(input.jobId());
        return Map.of("stopped", input.jobId());
    }
}
