package io.aitip.platform.evaluation;

import io.aitip.platform.models.ModelService;
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

/** The project's evaluations, newest first. */
@Component
public class EvaluationListTool implements Tool<EvaluationListTool.Input> {

    public enum Status {
        RUNNING, SUCCEEDED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Input(
            @Param(value = "Only evaluations of this model (id or name).", maxLength = 200) String model,
            @Param("Only evaluations in this status: running, succeeded or failed.") Status status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Page(List<EvaluationView> evaluations, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("evaluation_list")
            .toolset("evaluation")
            .title("List evaluations")
            .description("Lists the project's evaluations, newest first, with model, version, benchmark, status and "
                    + "score; filter by model or status. Pass next_cursor back as cursor for the next page; call "
                    + "evaluation_get for per-item results.")
            .readOnly()
            .permission("evaluation:read")
            .example("en", "List my evaluations", Map.of())
            .example("en", "Show the succeeded evaluations of model tiny-chat",
                    Map.of("model", "tiny-chat", "status", "succeeded"))
            .example("zh", "列出所有评测任务", Map.of())
            .example("zh", "模型 medical-llama 做过哪些评测？", Map.of("model", "medical-llama"))
            .build();

    private final EvaluationService evaluations;
    private final ModelService models;

    public EvaluationListTool(EvaluationService evaluations, ModelService models) {
        this.evaluations = evaluations;
        this.models = models;
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
        Scope scope = Scope.of(context);
        String modelId = input.model() == null || input.model().isBlank() ? null : models.require(scope, input.model()).id();
        int limit = Limits.of(input.limit());
        List<EvaluationRun> rows = evaluations.store().list(scope, modelId,
                input.status() == null ? null : input.status().wire(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.evalId()).encode());
        List<EvaluationView> views = KeysetPages.page(rows, limit).stream().map(EvaluationView::of).toList();
        return new Page(views, views.size(), next);
    }
}
