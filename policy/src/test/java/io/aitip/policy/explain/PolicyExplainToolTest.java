package io.aitip.policy.explain;

import static io.aitip.policy.explain.ExplainFixtures.context;
import static io.aitip.policy.explain.ExplainFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.security.Role;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyExplainToolTest {

    ToolCatalog catalog;
    PolicyExplainTool explain;
    AtomicInteger catalogLookups = new AtomicInteger();

    @BeforeEach
    void setUp() {
        catalog = ExplainFixtures.catalog();
        explain = new PolicyExplainTool(() -> {
            catalogLookups.incrementAndGet();
            return catalog;
        }, ExplainFixtures.policy());
        ExplainFixtures.CALLS.set(0);
    }

    PolicyExplainTool.Explanation explain(Role role, String tool, String params, String... keyPermissions) {
        return explain.call(context(user(role, keyPermissions)), new PolicyExplainTool.Input(tool, params));
    }

    @Test
    void aReadIsAllowedAndNothingRuns() {
        PolicyExplainTool.Explanation e = explain(Role.VIEWER, "training_get", null);
        assertThat(e.visible()).isTrue();
        assertThat(e.decision()).isEqualTo("allow");
        assertThat(e.rule()).isEqualTo("rbac.viewer-reads");
        assertThat(e.permission()).isEqualTo("training:read");
        assertThat(e.kind()).isEqualTo("read_only");
        assertThat(e.caller().role()).isEqualTo("viewer");
        assertThat(e.caller().keyPermissions()).isEmpty();
        assertThat(e.caller().apiKey()).isFalse();
        assertThat(e.argumentsChecked()).isFalse();
        assertThat(e.validation()).isNull();
        assertThat(e.executed()).isFalse();
        assertThat(ExplainFixtures.CALLS).hasValue(0);
    }

    @Test
    void aViewerIsDeniedAWriteByRole() {
        PolicyExplainTool.Explanation e = explain(Role.VIEWER, "training_submit", null);
        assertThat(e.visible()).isFalse();
        assertThat(e.decision()).isEqualTo("deny");
        assertThat(e.rule()).isEqualTo("rbac.visibility");
        assertThat(e.reason()).contains("training:write").contains("role (viewer)");
        assertThat(e.caller().roleGrants()).isFalse();
    }

    @Test
    void aDestructiveToolNeedsConfirmationAndTheDottedAliasResolves() {
        PolicyExplainTool.Explanation e = explain(Role.MEMBER, "training.stop", "{\"job_id\": \"train-7f3a2c01\"}");
        assertThat(e.tool()).isEqualTo("training_stop");
        assertThat(e.decision()).isEqualTo("needs_confirmation");
        assertThat(e.rule()).isEqualTo("confirm.destructive");
        assertThat(e.validation().valid()).isTrue();
        assertThat(e.argumentsChecked()).isTrue();
        assertThat(e.next()).contains("confirmation_token");
        assertThat(ExplainFixtures.CALLS).hasValue(0);
    }

    @Test
    void aRestrictedKeyIsExplainedAsSuch() {
        PolicyExplainTool.Explanation e = explain(Role.ADMIN, "training_submit", null, "training:read");
        assertThat(e.decision()).isEqualTo("deny");
        assertThat(e.caller().roleGrants()).isTrue();
        assertThat(e.caller().keyGrants()).isFalse();
        assertThat(e.caller().apiKey()).isTrue();
        assertThat(e.caller().keyPermissions()).containsExactly("training:read");
        assertThat(e.reason()).contains("API key");
        assertThat(explain(Role.ADMIN, "training_submit", null, "training:*").decision()).isEqualTo("allow");
    }

    @Test
    void auditIsForAdminsAndOwners() {
        assertThat(explain(Role.OWNER, "audit_search", null).decision()).isEqualTo("allow");
        assertThat(explain(Role.ADMIN, "audit_search", null).decision()).isEqualTo("allow");
        assertThat(explain(Role.MEMBER, "audit_search", null).decision()).isEqualTo("deny");
        assertThat(explain(Role.VIEWER, "audit_search", null).visible()).isFalse();
    }

    @Test
    void invalidParamsAreReportedWithTheirPointer() {
        PolicyExplainTool.Explanation e = explain(Role.MEMBER, "training_stop", "{\"job_id\": \"nope\", \"extra\": 1}");
        assertThat(e.decision()).isEqualTo("invalid");
        assertThat(e.rule()).isEqualTo("schema");
        assertThat(e.validation().valid()).isFalse();
        assertThat(e.validation().error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
        assertThat(e.validation().error().details()).extracting(d -> d.pointer())
                .containsExactlyInAnyOrder("/job_id", "/extra");

        PolicyExplainTool.Explanation missing = explain(Role.MEMBER, "training_stop", "{}");
        assertThat(missing.validation().error().pointer()).isEqualTo("/job_id");

        PolicyExplainTool.Explanation array = explain(Role.MEMBER, "training_stop", "[1]");
        assertThat(array.decision()).isEqualTo("invalid");
        assertThat(array.validation().error().pointer()).isEmpty();
    }

    @Test
    void hiddenToolsAreDeniedBeforeTheirArgumentsAreLookedAt() {
        PolicyExplainTool.Explanation e = explain(Role.VIEWER, "training_stop", "{}");
        assertThat(e.decision()).isEqualTo("deny");
        assertThat(e.rule()).isEqualTo("rbac.visibility");
        assertThat(e.validation().valid()).isFalse(); // still reported, for the caller's information
    }

    @Test
    void malformedJsonAndUnknownToolsAreRefused() {
        assertThatThrownBy(() -> explain(Role.MEMBER, "training_stop", "{job_id:"))
                .isInstanceOfSatisfying(ToolException.class, ex -> {
                    assertThat(ex.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(ex.error().pointer()).isEqualTo("/params_json");
                });
        assertThatThrownBy(() -> explain(Role.MEMBER, "training_fly", null))
                .isInstanceOfSatisfying(ToolException.class, ex -> assertThat(ex.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void itAsksTheSameHookThePipelineAsks() {
        PolicyHook approvals = new PolicyHook() {
            @Override
            public boolean visible(io.aitip.tools.security.Principal principal, io.aitip.tools.model.ToolSpec tool) {
                return true;
            }

            @Override
            public Decision decide(io.aitip.tools.security.Principal principal, io.aitip.tools.model.ToolSpec tool,
                                   tools.jackson.databind.JsonNode arguments) {
                return arguments.path("reason").asString("").isEmpty()
                        ? Decision.approval("approval.stop", "Stopping needs a second person.")
                        : Decision.allow("approval.waived");
            }
        };
        PolicyExplainTool tool = new PolicyExplainTool(() -> catalog, approvals);
        PolicyExplainTool.Explanation e = tool.call(context(user(Role.MEMBER)),
                new PolicyExplainTool.Input("training_stop", "{\"job_id\": \"train-7f3a2c01\"}"));
        assertThat(e.decision()).isEqualTo("needs_approval");
        assertThat(e.rule()).isEqualTo("approval.stop");
        assertThat(e.reason()).isEqualTo("Stopping needs a second person.");
        // the arguments reach the hook
        assertThat(tool.call(context(user(Role.MEMBER)), new PolicyExplainTool.Input("training_stop",
                "{\"job_id\": \"train-7f3a2c01\", \"reason\": \"oom\"}")).decision()).isEqualTo("allow");
    }

    @Test
    void theCatalogIsLookedUpLazilyAndTheToolObeysTheRules() {
        assertThat(catalogLookups).hasValue(0);
        explain(Role.VIEWER, "training_get", null);
        assertThat(catalogLookups).hasValue(1);
        // the rules test in mcp-server checks every tool; here: its examples fit its own schema
        var registered = new ToolCatalog(List.of(explain)).find("policy.explain").orElseThrow();
        assertThat(explain.spec().examples()).hasSize(4).allSatisfy(example -> assertThat(
                registered.validate(registered.normalize(io.aitip.tools.json.Json.tree(example.arguments())))).isNull());
        assertThat(registered.inputSchema().path("required").toString()).isEqualTo("[\"tool\"]");
    }
}
