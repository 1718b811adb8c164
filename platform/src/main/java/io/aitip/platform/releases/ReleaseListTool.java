package io.aitip.platform.releases;

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

/** The project's releases, newest first, a page at a time. */
@Component
public class ReleaseListTool implements Tool<ReleaseListTool.Input> {

    public record Input(
            @Param("Only releases in this status.") ReleaseStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Item(String releaseId, String name, String status, String model, String modelVersion,
                       String serviceId, String strategy, int trafficPercent, boolean approved, Instant createdAt) {
    }

    public record Page(List<Item> releases, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("release_list")
            .toolset("releases")
            .title("List releases")
            .description("Lists the releases of the current project, newest first, optionally by status (draft, "
                    + "pending_approval, canary, production, rolled_back). Pass next_cursor back as cursor for the next "
                    + "page; release_get shows one release with its audit trail.")
            .readOnly()
            .permission("releases:read")
            .example("en", "Show all releases", Map.of())
            .example("en", "Which releases are waiting for approval?", Map.of("status", "pending_approval"))
            .example("zh", "列出所有发布", Map.of())
            .example("zh", "看看正在灰度中的发布", Map.of("status", "canary"))
            .build();

    private final ReleaseStore store;

    public ReleaseListTool(ReleaseStore store) {
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
        List<Release> rows = store.list(Scope.of(context), input.status(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        List<Item> items = KeysetPages.page(rows, limit).stream().map(r -> new Item(r.id(), r.name(), r.status().wire(),
                r.modelName(), r.modelVersion(), r.serviceId(), r.strategy().wire(), r.trafficPercent(),
                r.approvedBy() != null, r.createdAt())).toList();
        return new Page(items, items.size(), next);
    }
}
