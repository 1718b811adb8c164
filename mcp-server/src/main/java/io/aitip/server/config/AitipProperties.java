package io.aitip.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server settings (prefix {@code aitip}); each comes from an environment variable listed in
 * {@code docs/reference/configuration.md}.
 *
 * @param home           data folder of the embedded default (AITIP_HOME)
 * @param bootstrapToken creates org default, user admin and this API key on first start (AITIP_BOOTSTRAP_TOKEN)
 * @param token          the API key that {@code aitip stdio} acts as (AITIP_TOKEN)
 * @param conformance    adds the MCP conformance-suite fixtures (AITIP_CONFORMANCE)
 * @param allowedHosts   extra Host/Origin names accepted besides localhost (AITIP_ALLOWED_HOSTS)
 * @param maxBodyBytes   the largest request body accepted on /mcp and /api
 * @param db             external PostgreSQL; when its url is blank the embedded one starts
 */
@ConfigurationProperties(prefix = "aitip")
public record AitipProperties(
        String home,
        String bootstrapToken,
        String token,
        boolean conformance,
        String allowedHosts,
        int maxBodyBytes,
        Db db) {

    /** @param url JDBC URL (AITIP_DB_URL); {@code postgresql://} URLs are accepted too */
    public record Db(String url, String user, String password) {
    }
}
