package io.aitip.platform.datasets;

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

/** Lists the project's datasets, newest first, a page at a time. */
@Component
public class DatasetListTool implements Tool<DatasetListTool.Input> {

    public record Input(
            @Param("Only datasets in this status.") DatasetStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    /** One page: {@code next_cursor} is absent on the last page. */
    public record Page(List<Dataset> datasets, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_list")
            .toolset("datasets")
            .title("List datasets")
            .description("Lists the datasets of the current project, newest first, with their latest version. "
                    + "Pass next_cursor back as cursor for the next page. To find datasets by topic use dataset_search; "
                    + "for one dataset's versions call dataset_get or dataset_lineage.")
            .readOnly()
            .permission("datasets:read")
            .example("en", "List my datasets", Map.of())
            .example("en", "Show the first 10 active datasets", Map.of("status", "active", "limit", 10))
            .example("zh", "列出所有数据集", Map.of())
            .example("zh", "显示已归档的数据集", Map.of("status", "archived"))
            .build();

    private final DatasetStore store;

    public DatasetListTool(DatasetStore store) {
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
        List<Dataset> rows = store.list(Scope.of(context), input.status() == null ? null : input.status().wire(),
                limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        rows = KeysetPages.page(rows, limit);
        return new Page(rows, rows.size(), next);
    }
}
