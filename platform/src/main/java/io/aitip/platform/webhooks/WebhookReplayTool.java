package io.aitip.platform.webhooks;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sends an event again to the same target, with the same webhook-id. */
@Component
public class WebhookReplayTool implements Tool<WebhookReplayTool.Input> {

    public record Input(
            @Param(value = "The delivery to send again, whd-… (from webhook_deliveries).", required = true, minLength = 1,
                    maxLength = 100) String deliveryId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_replay")
            .toolset("webhooks")
            .title("Replay a webhook delivery")
            .description("Queues a new delivery of the same event to the same endpoint, for example after a dead "
                    + "delivery once the receiver is fixed. The receiver sees the same webhook-id as before (so it "
                    + "can ignore one it already processed) and a fresh timestamp and signature. Returns the new "
                    + "delivery; follow it with webhook_deliveries.")
            .write()
            .permission("webhooks:write")
            .example("en", "Replay webhook delivery whd-0123456789abcdef", Map.of("delivery_id", "whd-0123456789abcdef"))
            .example("en", "Send delivery whd-fedcba9876543210 again, the receiver is back up",
                    Map.of("delivery_id", "whd-fedcba9876543210"))
            .example("zh", "重新投递 whd-0123456789abcdef", Map.of("delivery_id", "whd-0123456789abcdef"))
            .example("zh", "接收端已修好，重发 webhook 投递 whd-fedcba9876543210",
                    Map.of("delivery_id", "whd-fedcba9876543210"))
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
        WebhookDelivery original = store.findDelivery(Scope.of(context).orgId(), input.deliveryId())
                .orElseThrow(() -> ToolException.notFound("Webhook delivery", input.deliveryId(),
                        "Call webhook_deliveries to see the deliveries."));
        return WebhookDeliveriesTool.item(store.replay(original));
    }
}
