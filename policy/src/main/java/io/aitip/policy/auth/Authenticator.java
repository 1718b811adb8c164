package io.aitip.policy.auth;

import io.aitip.policy.tenancy.TenancyStore;
import io.aitip.tools.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Turns {@code Authorization: Bearer <api key | JWT>} into a {@link Principal}. Lookups are cached
 * for a few seconds (by credential hash) so a busy agent does not cost a query per call; revoking a
 * key takes effect within {@link #CACHE_TTL}.
 */
@Service
public class Authenticator {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration JWT_TTL = Duration.ofHours(12);

    private record Cached(Principal principal, long expiresAtNanos) {
    }

    private final ApiKeyStore keys;
    private final TenancyStore tenancy;
    private final JwtCodec jwt;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(ApiKeyStore keys, TenancyStore tenancy, JdbcTemplate jdbc,
                         @Value("${aitip.auth.jwt-secret:}") String configuredSecret) {
        this.keys = keys;
        this.tenancy = tenancy;
        this.jwt = new JwtCodec(secret(jdbc, configuredSecret));
    }

    public Principal authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("Missing credentials: send 'Authorization: Bearer <api key or token>'.");
        }
        String credential = authorizationHeader.substring(7).trim();
        return authenticateToken(credential);
    }

    public Principal authenticateToken(String credential) {
        if (credential == null || credential.isBlank()) {
            throw new AuthenticationException("Missing credentials: send 'Authorization: Bearer <api key or token>'.");
        }
        String cacheKey = ApiKeyStore.hash(credential);
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAtNanos > System.nanoTime()) {
            return cached.principal();
        }
        Principal principal = (credential.startsWith("aitip_") || !credential.contains(".")
                ? keys.principal(credential) : fromJwt(credential))
                .orElseThrow(() -> new AuthenticationException(
                        "Invalid, revoked or expired credentials. Create an API key or log in again."));
        cache.put(cacheKey, new Cached(principal, System.nanoTime() + CACHE_TTL.toNanos()));
        return principal;
    }

    public String issueJwt(String userId, String orgId) {
        return jwt.issue(userId, orgId, JWT_TTL);
    }

    /** Forgets cached principals, e.g. after a role change or key revocation. */
    public void invalidate() {
        cache.clear();
    }

    private Optional<Principal> fromJwt(String token) {
        return jwt.verify(token).flatMap(claims -> tenancy.membership(claims.orgId(), claims.userId()).map(m -> {
            TenancyStore.User user = tenancy.findUserById(claims.userId()).orElseThrow();
            return new Principal(user.id(), user.username(), m.orgId(), m.orgSlug(), tenancy.defaultProject(m.orgId()),
                    m.role(), null, null);
        }));
    }

    private static byte[] secret(JdbcTemplate jdbc, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.update("INSERT INTO server_secrets (name, value) VALUES ('jwt', ?) ON CONFLICT (name) DO NOTHING",
                Base64.getEncoder().encodeToString(fresh));
        return Base64.getDecoder().decode(jdbc.queryForObject("SELECT value FROM server_secrets WHERE name = 'jwt'", String.class));
    }
}
