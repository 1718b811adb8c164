package io.aitip.platform.webhooks;

import java.time.Instant;

/** One event on its way to one target (an endpoint or a bare callback URL). */
public record WebhookDelivery(String id, String orgId, String eventId, String eventType, String endpointId,
                              String callbackUrl, String replayOf, String status, int attempts, Instant nextAttemptAt,
                              Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt) {
}
