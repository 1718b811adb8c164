package io.aitip.platform.models;

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

/** Lists the project's models, newest first, a page at a time. */
@Component
public class ModelListTool implements Tool<ModelListTool.Input> {

    public record Input(
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    /** One page: {@code next_cursor} is absent on the last page. */
    public record Page(List<ModelView> models, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("model_list")
            .toolset("models")
            .title("List models")
            .description("Lists the registered models of the current project, newest first, with framework, format "
                    + "and latest version. Pass next_cursor back as cursor for the next page; call model_get for a "
                    + "model's latest version, model_versions for all its versions.")
            .readOnly()
            .permission("models:read")
            .example("en", "List my models", Map.of())
            .example("en", "Show the first 10 registered models", Map.of("limit", 10))
            .example("zh", "列出所有模型", Map.of())
            .example("zh", "显示最近注册的 5 个模型", Map.of("limit", 5))
            .build();

    private final ModelStore store;

    public ModelListTool(ModelStore store) {
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
        List<Model> rows = store.list(Scope.of(context), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        rows = KeysetPages.page(rows, limit);
        List<ModelView> items = rows.stream().map(ModelView::of).toList();
        return new Page(items, items.size(), next);
    }
}
