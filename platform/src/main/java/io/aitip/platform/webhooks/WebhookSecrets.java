package io.aitip.platform.webhooks;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Endpoint secrets ({@code whsec_} + base64 of 24 random bytes) and Standard Webhooks signatures. */
public final class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256>} for each secret, space
     * separated (a receiver accepts the delivery when any one verifies).
     */
    public static String signature(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        List<String> parts = new ArrayList<>();
        for (String secret : secrets) {
            try {
                parts.add(new Webhook(secret).sign(webhookId, timestampSeconds, body));
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign webhook " + webhookId + ": " + e.getMessage(), e);
            }
        }
        return String.join(" ", parts);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
