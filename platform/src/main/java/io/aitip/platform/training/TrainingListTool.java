package io.aitip.platform.training;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The project's training jobs, newest first, a page at a time. */
@Component
public class TrainingListTool implements Tool<TrainingListTool.Input> {

    public record Input(
            @Param("Only jobs in this status.") JobStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    /** A job in a list: the essentials; training_get has the rest. */
    public record Item(String jobId, String name, String model, String status, String statusMessage, String gpuType,
                       int gpuCount, java.time.Instant createdAt, java.time.Instant endedAt) {
    }

    public record Page(List<Item> jobs, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_list")
            .toolset("training")
            .title("List training jobs")
            .description("Lists the training jobs of the current project, newest first, optionally by status "
                    + "(pending, queued, running, succeeded, failed, cancelled). Pass next_cursor back as cursor for "
                    + "the next page; call training_get with a job_id for details.")
            .readOnly()
            .permission("training:read")
            .example("en", "Show me my training jobs", Map.of())
            .example("en", "Which training jobs are running right now?", Map.of("status", "running"))
            .example("zh", "列出失败的训练任务", Map.of("status", "failed"))
            .example("zh", "看看最近的 10 个训练任务", Map.of("limit", 10))
            .build();

    private final TrainingJobStore jobs;

    public TrainingListTool(TrainingJobStore jobs) {
        this.jobs = jobs;
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
        int limit = Limits.of(input.limit());
        List<TrainingJob> rows = jobs.list(Scope.of(context), input.status(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        rows = KeysetPages.page(rows, limit);
        List<Item> items = rows.stream().map(j -> new Item(j.id(), j.name(), j.model(), j.status().wire(),
                j.statusMessage(), j.gpuType(), j.gpuCount(), j.createdAt(), j.endedAt())).toList();
        return new Page(items, items.size(), next);
    }
}
