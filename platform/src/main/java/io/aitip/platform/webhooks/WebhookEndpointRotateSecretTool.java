package io.aitip.platform.webhooks;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A new signing secret for an endpoint, or for the org's per-call callbacks. During the overlap
 * every delivery carries two signatures (Standard Webhooks allows several, space separated), so a
 * receiver that still checks with the old secret keeps accepting while it switches.
 */
@Component
public class WebhookEndpointRotateSecretTool implements Tool<WebhookEndpointRotateSecretTool.Input> {

    /** The target that names the org's callback secret instead of an endpoint. */
    public static final String CALLBACKS = "callbacks";

    public record Input(
            @Param(value = "The endpoint (wh-…) whose secret to replace, or \"callbacks\" for the secret that signs "
                    + "deliveries to per-call callback_url addresses.", required = true, minLength = 1, maxLength = 100,
                    pattern = "^(wh-[0-9a-f]{4,32}|callbacks)$") String endpointId,
            @Param(value = "Hours the old secret keeps signing beside the new one (default 24, 0 ends it now).",
                    min = 0, max = 168) Integer overlapHours) {
    }

    /** The new secret: the only time it is shown. */
    public record Rotated(String endpointId, String secret, Instant previousSecretExpiresAt, String note) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_endpoint_rotate_secret")
            .toolset("webhooks")
            .title("Rotate a webhook signing secret")
            .description("Replaces the signing secret of a webhook endpoint (endpoint_id wh-…), or of the org's "
                    + "per-call callbacks (endpoint_id \"callbacks\": the secret that signs deliveries to the "
                    + "callback_url of /api/v1/agent/execute). Returns the new whsec_… secret, shown only this once. "
                    + "For overlap_hours (default 24) every delivery carries two signatures, one per secret, so "
                    + "receivers can switch to the new secret without rejecting anything; then the old one stops.")
            .write()
            .permission("webhooks:write")
            .example("en", "Rotate the secret of webhook wh-1a2b3c4d", Map.of("endpoint_id", "wh-1a2b3c4d"))
            .example("en", "Give me the signing secret for my callback URLs, keep the old one for 2 hours",
                    Map.of("endpoint_id", "callbacks", "overlap_hours", 2))
            .example("zh", "轮换 webhook wh-1a2b3c4d 的签名密钥", Map.of("endpoint_id", "wh-1a2b3c4d"))
            .example("zh", "更换回调地址的签名密钥，旧密钥立即失效", Map.of("endpoint_id", "callbacks", "overlap_hours", 0))
            .build();

    private final WebhookStore store;
    private final Clock clock;

    @Autowired
    public WebhookEndpointRotateSecretTool(WebhookStore store) {
        this(store, Clock.systemUTC());
    }

    public WebhookEndpointRotateSecretTool(WebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
        String target = input.endpointId().trim();
        Duration overlap = Duration.ofHours(input.overlapHours() == null ? 24 : input.overlapHours());
        Instant now = clock.instant();
        String secret;
        if (CALLBACKS.equals(target)) {
            secret = store.rotateCallbackSecret(org, overlap, now);
        } else {
            secret = store.rotateSecret(org, target, overlap, now).orElseThrow(() -> ToolException.notFound(
                    "Webhook endpoint", target, "Call webhook_endpoint_list to see the endpoints."));
        }
        return new Rotated(target, secret, overlap.isZero() ? null : now.plus(overlap),
                "Store the secret now: it is not shown again. " + (overlap.isZero()
                        ? "The old secret no longer signs."
                        : "Until previous_secret_expires_at each delivery is signed with both secrets."));
    }
}
