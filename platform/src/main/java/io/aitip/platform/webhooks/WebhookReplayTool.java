package io.aitip.platform.webhooks;

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

/** Sends events again to the same target, with the same webhook-id: one delivery, or an endpoint's since a moment. */
@Component
public class WebhookReplayTool implements Tool<WebhookReplayTool.Input> {

    /** Most deliveries one replay by endpoint and time queues; call again with a later {@code since} for more. */
    static final int MAX_REPLAY = 1000;

    public record Input(
            @Param(value = "The delivery to send again, whd-… (from webhook_deliveries). Give this, or endpoint and since.",
                    maxLength = 100) String deliveryId,
            @Param(value = "Replay everything sent to this endpoint (wh-…) since `since`.", maxLength = 100) String endpoint,
            @Param("With endpoint: replay the events first sent at or after this instant (ISO 8601, e.g. "
                    + "2026-11-22T06:00:00Z).") Instant since) {
    }

    /** What a replay by endpoint and time queued. */
    public record Batch(String endpointId, Instant since, int queued, List<String> deliveryIds, boolean truncated,
                        Instant nextSince, String note) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_replay")
            .toolset("webhooks")
            .title("Replay webhook deliveries")
            .description("Queues new deliveries of events already sent, for example after dead deliveries once the "
                    + "receiver is fixed: either one delivery (delivery_id), or every event sent to an endpoint since a "
                    + "moment (endpoint and since, at most 1000 per call). The receiver sees the same webhook-id as "
                    + "before (so it can ignore one it already processed) and a fresh timestamp and signature. Follow "
                    + "the new deliveries with webhook_deliveries.")
            .write()
            .permission("webhooks:write")
            .example("en", "Replay webhook delivery whd-0123456789abcdef", Map.of("delivery_id", "whd-0123456789abcdef"))
            .example("en", "Resend everything sent to wh-1a2b3c4d since 2026-11-22T06:00:00Z",
                    Map.of("endpoint", "wh-1a2b3c4d", "since", "2026-11-22T06:00:00Z"))
            .example("zh", "重新投递 whd-0123456789abcdef", Map.of("delivery_id", "whd-0123456789abcdef"))
            .example("zh", "接收端已修好，把 2026-11-22T06:00:00Z 以来发给 wh-1a2b3c4d 的事件重发一遍",
                    Map.of("endpoint", "wh-1a2b3c4d", "since", "2026-11-22T06:00:00Z"))
            .build();

    private final WebhookStore store;

    public WebhookReplayTool(WebhookStore store) {
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
        boolean one = input.deliveryId() != null && !input.deliveryId().isBlank();
        boolean batch = input.endpoint() != null && !input.endpoint().isBlank();
        if (one == batch) {
            throw ToolException.invalid(one ? "/endpoint" : "", "Give either delivery_id (one delivery) or endpoint "
                    + "and since (everything sent to the endpoint since then), not " + (one ? "both." : "neither."));
        }
        if (one) {
            WebhookDelivery original = store.findDelivery(org, input.deliveryId())
                    .orElseThrow(() -> ToolException.notFound("Webhook delivery", input.deliveryId(),
                            "Call webhook_deliveries to see the deliveries."));
            return WebhookDeliveriesTool.item(store.replay(original));
        }
        if (input.since() == null) {
            throw ToolException.invalid("/since", "With endpoint, give since: the instant (ISO 8601) from which to "
                    + "replay, e.g. the time the receiver went down.");
        }
        String endpoint = input.endpoint().trim();
        if (store.findEndpoint(org, endpoint).isEmpty()) {
            throw ToolException.notFound("Webhook endpoint", endpoint, "Call webhook_endpoint_list to see the endpoints.");
        }
        List<String> queued = store.replaySince(org, endpoint, input.since(), MAX_REPLAY);
        boolean truncated = queued.size() == MAX_REPLAY;
        Instant nextSince = truncated ? store.latestOriginalOf(org, queued) : null;
        return new Batch(endpoint, input.since(), queued.size(), queued.size() <= 50 ? queued : queued.subList(0, 50),
                truncated, nextSince, truncated ? "At most " + MAX_REPLAY + " events are replayed per call; call again "
                + "with since set to next_since for the rest (the receiver may see the boundary event twice)." : null);
    }
}
