package io.aitip.policy.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits, prefix {@code aitip.rate-limit}: calls per principal (a user's login or one API key)
 * and per principal and tool, in fixed windows. 0 turns a limit off.
 *
 * @param perPrincipal calls one principal may make per window, all tools together (default 3000)
 * @param perTool      calls one principal may make to one tool per window (default 600)
 * @param tools        per-tool overrides of {@code perTool}, by tool name
 * @param window       the window length (default 1 minute)
 */
@ConfigurationProperties(prefix = "aitip.rate-limit")
public record RateLimitProperties(Integer perPrincipal, Integer perTool, Map<String, Integer> tools, Duration window) {

    public RateLimitProperties {
        perPrincipal = perPrincipal == null ? 3000 : perPrincipal;
        perTool = perTool == null ? 600 : perTool;
        tools = tools == null ? Map.of() : Map.copyOf(tools);
        window = window == null || window.isNegative() || window.isZero() ? Duration.ofMinutes(1) : window;
    }
}
