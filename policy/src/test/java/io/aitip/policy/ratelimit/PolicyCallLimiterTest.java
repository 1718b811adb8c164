package io.aitip.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PolicyCallLimiterTest {

    static final ToolSpec LIST = ToolSpec.builder("training_list").toolset("training").title("t").description("d")
            .readOnly().permission("training:read").build();
    static final ToolSpec SUBMIT = ToolSpec.builder("training_submit").toolset("training").title("t").description("d")
            .write().permission("training:write").build();

    static Principal principal(String key) {
        return new Principal("usr-1", "alice", "org-1", "acme", "prj-1", Role.MEMBER, Set.of(), key);
    }

    final AtomicLong clock = new AtomicLong(1_000_000);
    final PolicyCallLimiter limiter = new PolicyCallLimiter(new InProcessRateLimiter(clock::get),
            new RateLimitProperties(5, 3, Map.of("training_submit", 1), Duration.ofMinutes(1)));

    @Test
    void perToolLimitsWithOverridesThenPerPrincipalAcrossTools() {
        assertThat(limiter.check(principal("k1"), SUBMIT)).isNull();
        ToolError limited = limiter.check(principal("k1"), SUBMIT);
        assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.message()).contains("1 calls per minute to training_submit");
        assertThat(limited.retryAfterSeconds()).isBetween(1, 60);
        assertThat(limiter.check(principal("k2"), SUBMIT)).as("another key is another principal").isNull();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.check(principal("k1"), LIST)).isNull();
        }
        assertThat(limiter.check(principal("k1"), LIST).message()).as("principal total is 5: 2 + 3 used")
                .contains("5 calls per minute for you across all tools");
        clock.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(limiter.check(principal("k1"), SUBMIT)).as("a new window").isNull();
    }
}
