package io.aitip.policy.ratelimit;

import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.CallLimiter;
import io.aitip.tools.security.Principal;

/** The pipeline's rate limits: per principal over all tools, then per principal and tool. */
public final class PolicyCallLimiter implements CallLimiter {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;

    public PolicyCallLimiter(RateLimiter limiter, RateLimitProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    @Override
    public ToolError check(Principal principal, ToolSpec tool) {
        String subject = principal.orgId() + "/" + principal.subject();
        if (properties.perPrincipal() > 0) {
            RateLimiter.Permit permit = limiter.acquire("p:" + subject, properties.perPrincipal(), properties.window());
            if (!permit.allowed()) {
                return limited(permit, properties.perPrincipal() + " calls per " + window() + " for you across all tools");
            }
        }
        int perTool = properties.tools().getOrDefault(tool.name(), properties.perTool());
        if (perTool > 0) {
            RateLimiter.Permit permit = limiter.acquire("t:" + subject + ":" + tool.name(), perTool, properties.window());
            if (!permit.allowed()) {
                return limited(permit, perTool + " calls per " + window() + " to " + tool.name());
            }
        }
        return null;
    }

    private String window() {
        long seconds = properties.window().toSeconds();
        return seconds % 60 == 0 ? (seconds == 60 ? "minute" : seconds / 60 + " minutes") : seconds + " s";
    }

    private static ToolError limited(RateLimiter.Permit permit, String what) {
        int seconds = (int) Math.max(1, (permit.retryAfter().toMillis() + 999) / 1000);
        return ToolError.retryAfter(ErrorCode.RATE_LIMITED, "Rate limit reached: " + what + ". Retry after " + seconds
                + " s; an agent should slow down or batch its calls.", seconds);
    }
}
