package io.aitip.platform.evaluation;

import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One evaluation: score, aggregates, chart-ready series and a page of per-item results. */
@Component
public class EvaluationGetTool implements Tool<EvaluationGetTool.Input> {

    /** Answers and prompts in item rows are cut here; evaluation_report shows them too. */
    static final int MAX_TEXT = 500;

    public record Input(
            @Param(value = "The evaluation id, eval-….", required = true, minLength = 1, maxLength = 100) String evalId,
            @Param(value = "Items per page (default 50, at most 200); 0 returns no items.", min = 0, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first items.") String cursor) {
    }

    public record Result(EvaluationView evaluation, List<Map<String, Object>> series, List<ItemResult> items,
                         int itemCount, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("evaluation_get")
            .toolset("evaluation")
            .title("Get an evaluation")
            .description("Returns one evaluation: status, score, correct/total and errors, score per category, latency "
                    + "percentiles, chart-ready series (score by category, running score, latency per item) and a page "
                    + "of per-item results (prompt, expected, answer, extracted, correct). Pass next_cursor back for "
                    + "more items; call evaluation_report for an HTML or PDF report.")
            .readOnly()
            .permission("evaluation:read")
            .example("en", "Show the results of evaluation eval-7f3a2c01", Map.of("eval_id", "eval-7f3a2c01"))
            .example("en", "Give me the first 10 items of eval-1a2b3c4d", Map.of("eval_id", "eval-1a2b3c4d", "limit", 10))
            .example("zh", "查看评测 eval-7f3a2c01 的结果", Map.of("eval_id", "eval-7f3a2c01"))
            .example("zh", "评测 eval-1a2b3c4d 的得分是多少？只看汇总", Map.of("eval_id", "eval-1a2b3c4d", "limit", 0))
            .build();

    private final EvaluationService evaluations;

    public EvaluationGetTool(EvaluationService evaluations) {
        this.evaluations = evaluations;
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
        EvaluationRun run = evaluations.require(Scope.of(context), input.evalId());
        int limit = input.limit() != null && input.limit() == 0 ? 0 : Limits.of(input.limit());
        int after = decode(input.cursor());
        List<ItemResult> items = limit == 0 ? List.of() : evaluations.store().items(run.evalId(), after, limit + 1);
        String next = items.size() > limit ? Integer.toString(items.get(limit - 1).index()) : null;
        items = items.stream().limit(limit).map(EvaluationGetTool::clip).toList();
        return new Result(EvaluationView.of(run), EvaluationView.series(run), items, run.itemCount(), next);
    }

    static ItemResult clip(ItemResult i) {
        return new ItemResult(i.index(), i.itemId(), i.category(), Limits.clip(i.prompt(), MAX_TEXT), i.expected(),
                Limits.clip(i.answer(), MAX_TEXT), i.extracted(), i.correct(), i.latencyMs(), i.error());
    }

    /** The cursor is the index of the last item returned. */
    private static int decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(cursor.trim());
        } catch (NumberFormatException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid. Pass the next_cursor of the previous page "
                    + "unchanged, or leave cursor out to start from the first item.");
        }
    }
}
