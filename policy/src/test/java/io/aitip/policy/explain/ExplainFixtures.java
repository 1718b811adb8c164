package io.aitip.policy.explain;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny catalog (a read, a write, a destructive and an admin tool) and callers for the explain tests. */
final class ExplainFixtures {

    /** Counts handler runs: explaining must never run a tool. */
    static final AtomicInteger CALLS = new AtomicInteger();

    private ExplainFixtures() {
    }

    record JobInput(@Param(value = "The job id, train-….", required = true, pattern = "^train-[0-9a-f]{8}$") String jobId,
                    @Param(value = "Why.", maxLength = 20) String reason) {
    }

    record Fake(ToolSpec spec) implements Tool<JobInput> {
        @Override
        public Class<JobInput> inputType() {
            return JobInput.class;
        }

        @Override
        public Object call(ToolContext context, JobInput input) {
            CALLS.incrementAndGet();
            return Map.of("ran", true);
        }
    }

    static ToolSpec.Builder spec(String name, String toolset, String permission) {
        return ToolSpec.builder(name).toolset(toolset).title(name).description(name + " does things for tests only.")
                .permission(permission);
    }

    static ToolCatalog catalog() {
        return new ToolCatalog(List.of(
                new Fake(spec("training_get", "training", "training:read").readOnly().build()),
                new Fake(spec("training_submit", "training", "training:write").write().build()),
                new Fake(spec("training_stop", "training", "training:write").destructive().build()),
                new Fake(spec("audit_search", "platform", "audit:admin").readOnly().build())));
    }

    /** The Cedar engine with the shipped policies only. */
    static io.aitip.policy.cedar.CedarPolicy policy() {
        io.aitip.policy.PolicyProperties defaults = io.aitip.policy.PolicyProperties.defaults();
        return new io.aitip.policy.cedar.CedarPolicy(new io.aitip.policy.cedar.CedarPolicyStore(defaults), defaults, List.of());
    }

    static Principal user(Role role, String... keyPermissions) {
        return new Principal("usr-1", "alice", "org-1", "acme", "prj-1", role, Set.of(keyPermissions),
                keyPermissions.length == 0 ? null : "key-1");
    }

    static ToolContext context(Principal principal) {
        return new ToolContext() {
            @Override
            public Principal principal() {
                return principal;
            }

            @Override
            public String executionId() {
                return "exec-test";
            }

            @Override
            public Door door() {
                return Door.INTERNAL;
            }

            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
