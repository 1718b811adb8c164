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
    private volatile org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** With a database: a job named {@code real-…} becomes a running training_jobs row, as training_submit makes. */
    public void useDatabase(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

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
        if (input.name().startsWith("fail")) {
            throw new io.aitip.tools.model.ToolException(io.aitip.tools.model.ErrorCode.UNAVAILABLE, "the executor is down");
        }
        runs.add(context.principal().userId() + ":" + input.name());
        String jobId = io.aitip.tools.model.Ids.next("train");
        if (jdbc != null && input.name().startsWith("real")) {
            int gpus = input.resources() == null || input.resources().gpuCount() == null ? 0 : input.resources().gpuCount();
            jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, gpu_count, status, started_at) "
                    + "VALUES (?,?,?,?,?,?,?,'running', now())", jobId, context.principal().orgId(),
                    context.principal().projectId(), context.principal().userId(), input.name(), "test-model", gpus);
        }
        return Map.of("job_id", jobId, "name", input.name());
    }
}
