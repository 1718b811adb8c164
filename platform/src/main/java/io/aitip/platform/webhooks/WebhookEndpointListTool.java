package io.aitip.platform.webhooks;

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

/** The org's webhook endpoints, newest first; secrets are never shown. */
@Component
public class WebhookEndpointListTool implements Tool<WebhookEndpointListTool.Input> {

    public record Input(
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Item(String endpointId, String url, List<String> events, String description, boolean active,
                       Instant createdAt) {
    }

    public record Page(List<Item> endpoints, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_endpoint_list")
            .toolset("webhooks")
            .title("List webhook endpoints")
            .description("Lists the org's webhook endpoints, newest first, with their URL, event patterns and whether "
                    + "they are active. Secrets are never shown (only webhook_endpoint_create returns one, once). "
                    + "Pass next_cursor back as cursor for the next page; call webhook_deliveries with an endpoint_id "
                    + "to see what was sent to it.")
            .readOnly()
            .permission("webhooks:read")
            .example("en", "List my webhook endpoints", Map.of())
            .example("en", "Show the first 10 webhooks", Map.of("limit", 10))
            .example("zh", "列出所有的 webhook", Map.of())
            .example("zh", "看看前 5 个 webhook 端点", Map.of("limit", 5))
            .build();

    private final WebhookStore store;

    public WebhookEndpointListTool(WebhookStore store) {
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
        List<WebhookEndpoint> rows = store.listEndpoints(Scope.of(context).orgId(), limit + 1,
                Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        rows = KeysetPages.page(rows, limit);
        List<Item> items = rows.stream().map(e -> new Item(e.id(), e.url(), e.events(), e.description(), e.active(),
                e.createdAt())).toList();
        return new Page(items, items.size(), next);
    }
}
