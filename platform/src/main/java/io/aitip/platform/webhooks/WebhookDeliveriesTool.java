package io.aitip.platform.webhooks;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Deliveries of the org's webhook events, newest first. */
@Component
public class WebhookDeliveriesTool implements Tool<WebhookDeliveriesTool.Input> {

    public record Input(
            @Param(value = "Only deliveries to this endpoint (wh-…).", maxLength = 100) String endpoint,
            @Param("Only deliveries in this status: pending, delivering, delivered or dead.") DeliveryStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Item(String deliveryId, String eventId, String eventType, String endpointId, String status,
                       int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                       String replayOf, Instant createdAt) {
    }

    public record Page(List<Item> deliveries, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_deliveries")
            .toolset("webhooks")
            .title("List webhook deliveries")
            .description("Lists webhook deliveries of the org, newest first, optionally for one endpoint and in one "
                    + "status (pending, delivering, delivered, dead), with attempts, the receiver's last status code "
                    + "and error, and when the next retry is due. The event_id is the webhook-id header the receiver "
                    + "saw. Pass next_cursor back as cursor for the next page; call webhook_replay with a delivery_id "
                    + "to send one again.")
            .readOnly()
            .permission("webhooks:read")
            .example("en", "Show recent webhook deliveries", Map.of())
            .example("en", "Which deliveries to wh-1a2b3c4d are dead?", Map.of("endpoint", "wh-1a2b3c4d", "status", "dead"))
            .example("zh", "查看失败的 webhook 投递", Map.of("status", "dead"))
            .example("zh", "看看 wh-1a2b3c4d 最近 20 次投递", Map.of("endpoint", "wh-1a2b3c4d", "limit", 20))
            .build();

    private final WebhookStore store;

    public WebhookDeliveriesTool(WebhookStore store) {
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
        String org = Scope.of(context).orgId();
        String endpoint = input.endpoint() == null || input.endpoint().isBlank() ? null : input.endpoint().trim();
        if (endpoint != null && store.findEndpoint(org, endpoint).isEmpty()) {
            throw ToolException.notFound("Webhook endpoint", endpoint, "Call webhook_endpoint_list to see the endpoints.");
        }
        int limit = Limits.of(input.limit());
        List<WebhookDelivery> rows = store.listDeliveries(org, endpoint,
                input.status() == null ? null : input.status().wire(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        rows = KeysetPages.page(rows, limit);
        List<Item> items = rows.stream().map(WebhookDeliveriesTool::item).toList();
        return new Page(items, items.size(), next);
    }

    static Item item(WebhookDelivery d) {
        return new Item(d.id(), d.eventId(), d.eventType(), d.endpointId(), d.status(), d.attempts(),
                "pending".equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatusCode(), d.lastError(),
                d.deliveredAt(), d.replayOf(), d.createdAt());
    }
}
