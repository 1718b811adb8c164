package io.aitip.platform.experiments;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Lists the project's experiments, newest first, a page at a time. */
@Component
public class ExperimentListTool implements Tool<ExperimentListTool.Input> {

    public record Input(
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Item(String experimentId, String name, String description, String hypothesis, String status,
                       long runCount, Instant lastRunAt, Instant createdAt) {
    }

    /** One page: {@code next_cursor} is absent on the last page. */
    public record Page(List<Item> experiments, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("experiment_list")
            .toolset("experiments")
            .title("List experiments")
            .description("Lists the experiments of the current project, newest first, each with its number of runs "
                    + "and when the last run started. Pass next_cursor back as cursor for the next page; call "
                    + "experiment_get for an experiment's runs and their final metrics.")
            .readOnly()
            .permission("experiments:read")
            .example("en", "List my experiments", Map.of())
            .example("en", "Show the 5 newest experiments", Map.of("limit", 5))
            .example("zh", "列出所有实验", Map.of())
            .example("zh", "看看最近的 10 个实验", Map.of("limit", 10))
            .build();

    private final ExperimentStore store;

    public ExperimentListTool(ExperimentStore store) {
        this.store = store;
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
        List<ExperimentStore.Listed> rows = store.list(Scope.of(context), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit,
                row -> new Cursor(row.experiment().createdAt(), row.experiment().id()).encode());
        rows = KeysetPages.page(rows, limit);
        List<Item> items = rows.stream().map(l -> {
            Experiment e = l.experiment();
            return new Item(e.id(), e.name(), e.description(), e.hypothesis(), e.status(), l.runCount(), l.lastRunAt(),
                    e.createdAt());
        }).toList();
        return new Page(items, items.size(), next);
    }
}
