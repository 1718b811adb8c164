package io.aitip.policy.auth;

import io.aitip.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/** Minimal HS256 JWTs for the login flow: {@code sub} = user id, {@code org} = org id, {@code exp}. */
public final class JwtCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;

    public JwtCodec(byte[] secret) {
        this.secret = secret.clone();
    }

    public record Claims(String userId, String orgId, Instant expiresAt) {
    }

    public String issue(String userId, String orgId, Duration ttl) {
        Instant now = Instant.now();
        String payload = Json.write(Map.of("sub", userId, "org", orgId, "iat", now.getEpochSecond(),
                "exp", now.plus(ttl).getEpochSecond(), "iss", "aitip"));
        String body = HEADER + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    /** Empty when the token is malformed, forged, or expired. */
    public Optional<Claims> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            return Optional.empty();
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Json.MAPPER.readTree(DECODER.decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
            if (expires.isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.path("sub").asString(), claims.path("org").asString(), expires));
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
