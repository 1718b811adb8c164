package io.aitip.platform.webhooks;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Registers a URL to receive the org's events, signed with a new secret shown once. */
@Component
public class WebhookEndpointCreateTool implements Tool<WebhookEndpointCreateTool.Input> {

    public record Input(
            @Param(value = "The http:// or https:// URL that receives the events as signed POSTs. It must be "
                    + "publicly reachable: private, loopback and link-local addresses are refused.",
                    required = true, minLength = 1, maxLength = 2048) String url,
            @Param(value = "Event types to receive: exact types (job.succeeded, job.failed, job.cancelled, "
                    + "approval.requested, approval.decided, deployment.ready, simulation.completed, release.promoted, "
                    + "release.rolled_back), an area with a wildcard (job.*), or * for all. Default: all.",
                    maxItems = 20) List<String> events,
            @Param(value = "What the endpoint is for, for people reading the list.", maxLength = 500) String description) {
    }

    /** The new endpoint with its secret: the only time the secret is shown. */
    public record Created(String endpointId, String url, List<String> events, String description, boolean active,
                          Instant createdAt, String secret, String note) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("webhook_endpoint_create")
            .toolset("webhooks")
            .title("Create a webhook endpoint")
            .description("Registers a URL that receives the org's events (for example job.succeeded when a training "
                    + "job finishes) as POSTs signed the Standard Webhooks way (webhook-id, webhook-timestamp, "
                    + "webhook-signature headers). Returns the endpoint_id and the signing secret whsec_…, shown only "
                    + "this once: store it to verify deliveries. Failed deliveries are retried with backoff for 24 h; "
                    + "see webhook_deliveries, and webhook_replay to send one again.")
            .write()
            .permission("webhooks:write")
            .example("en", "Send job events to https://hooks.example.com/aitip",
                    Map.of("url", "https://hooks.example.com/aitip", "events", List.of("job.*")))
            .example("en", "Notify https://ci.example.com/webhook when a training job fails",
                    Map.of("url", "https://ci.example.com/webhook", "events", List.of("job.failed"),
                            "description", "CI alerts"))
            .example("zh", "创建一个 webhook，把训练任务事件发到 https://hooks.example.com/aitip",
                    Map.of("url", "https://hooks.example.com/aitip", "events", List.of("job.*")))
            .example("zh", "训练任务成功或失败时通知 https://ops.example.cn/hook",
                    Map.of("url", "https://ops.example.cn/hook", "events", List.of("job.succeeded", "job.failed")))
            .build();

    private final WebhookStore store;
    private final UrlGuard guard;

    public WebhookEndpointCreateTool(WebhookStore store, UrlGuard guard) {
        this.store = store;
        this.guard = guard;
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
        String url = input.url().trim();
        try {
            guard.check(url);
        } catch (UrlGuard.Refused e) {
            throw ToolException.invalid("/url", e.getMessage());
        }
        List<String> events = new ArrayList<>();
        if (input.events() == null || input.events().isEmpty()) {
            events.add("*");
        } else {
            for (int i = 0; i < input.events().size(); i++) {
                String pattern = input.events().get(i) == null ? "" : input.events().get(i).trim();
                if (!WebhookEvents.validPattern(pattern)) {
                    throw ToolException.invalid("/events/" + i, "'" + pattern + "' is not an event type or pattern. "
                            + "Use one of " + String.join(", ", WebhookEvents.TYPES) + ", an area wildcard like job.*, or *.");
                }
                if (!events.contains(pattern)) {
                    events.add(pattern);
                }
            }
        }
        Scope scope = Scope.of(context);
        String description = input.description() == null || input.description().isBlank() ? null : input.description().trim();
        WebhookEndpoint endpoint = store.createEndpoint(scope.orgId(), scope.userId(), url, events, description);
        return new Created(endpoint.id(), endpoint.url(), endpoint.events(), endpoint.description(), endpoint.active(),
                endpoint.createdAt(), endpoint.secret(), "Store the secret now: it is not shown again. Verify each "
                + "delivery's webhook-signature with it (any Standard Webhooks library does).");
    }
}
