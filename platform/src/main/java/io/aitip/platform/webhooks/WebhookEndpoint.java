package io.aitip.platform.webhooks;

import java.time.Instant;
import java.util.List;

/** A registered receiver of an org's events. The secrets never leave the server except once, at creation. */
public record WebhookEndpoint(String id, String orgId, String url, String secret, String previousSecret,
                              Instant previousSecretExpiresAt, List<String> events, String description, boolean active,
                              Instant createdAt) {
}
