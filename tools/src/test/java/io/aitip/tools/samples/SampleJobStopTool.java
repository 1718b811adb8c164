package io.aitip.tools.samples;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference destructive tool: stops a training job. {@code train-000000} is not found and
 * {@code train-dead00} fails with an unexpected exception, so tests can reach every path.
 */
public final class SampleJobStopTool implements Tool<SampleJobStopTool.Input> {

    public record Input(
            @Param(value = "The training job id, e.g. train-7f3a2c.", required = true,
                    pattern = "^train-[0-9a-f]{6,}$") String jobId,
            @Param(value = "Why the job is stopped; kept in the audit log.", maxLength = 500) String reason) {
    }

    public record Stopped(String jobId, String status) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_sample_stop")
            .toolset("training")
            .title("Stop a training job (sample)")
            .description("Stops a running training job and frees its GPUs; the job ends as cancelled. "
                    + "Asks for confirmation first. Check the outcome with training_get.")
            .destructive()
            .permission("training:write")
            .example("en", "Stop job train-7f3a2c", Map.of("job_id", "train-7f3a2c"))
            .example("en", "Kill train-0a1b2c, it diverged", Map.of("job_id", "train-0a1b2c", "reason", "diverged"))
            .example("zh", "停止训练任务 train-7f3a2c", Map.of("job_id", "train-7f3a2c"))
            .example("zh", "把 train-0a1b2c 停掉，损失发散了", Map.of("job_id", "train-0a1b2c", "reason", "损失发散"))
            .build();

    /** How many times the handler ran (tests assert that dry runs and gates never reach it). */
    public final AtomicInteger calls = new AtomicInteger();

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
        calls.incrementAndGet();
        if (input.jobId().equals("train-000000")) {
            throw ToolException.notFound("Training job", input.jobId(), "List jobs with training_list.");
        }
        if (input.jobId().equals("train-dead00")) {
            throw new IllegalStateException("connection to db-internal:5432 refused (password=hunter2)");
        }
        return new Stopped(input.jobId(), "cancelled");
    }
}
