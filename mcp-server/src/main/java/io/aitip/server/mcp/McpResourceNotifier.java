package io.aitip.server.mcp;

import io.aitip.platform.events.EventBus;
import io.aitip.platform.events.LiveEvent;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Turns job events of the live bus (this replica's and, with Redis, every replica's) into
 * {@code notifications/resources/updated} for {@code aitip://training/jobs/{id}}. The SDK sends
 * them only to the sessions subscribed to that URI; the notification carries the URI alone, and
 * reading it goes through the pipeline's tenancy checks.
 */
@Component
public class McpResourceNotifier implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(McpResourceNotifier.class);

    private final EventBus events;
    private final ObjectProvider<McpSyncServer> servers;
    private EventBus.Subscription subscription;

    public McpResourceNotifier(EventBus events, ObjectProvider<McpSyncServer> servers) {
        this.events = events;
        this.servers = servers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        subscription = events.subscribe(e -> e.type().equals("job.status") || e.type().equals("job.logs"), this::notify);
    }

    private void notify(LiveEvent event) {
        McpSchema.ResourcesUpdatedNotification updated =
                new McpSchema.ResourcesUpdatedNotification(McpJobResources.uri(event.subject()));
        servers.orderedStream().forEach(server -> {
            try {
                server.notifyResourcesUpdated(updated);
            } catch (RuntimeException e) {
                log.debug("resources/updated for {} not sent: {}", updated.uri(), e.getMessage());
            }
        });
    }

    @PreDestroy
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
