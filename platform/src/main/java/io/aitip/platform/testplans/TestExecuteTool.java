package io.aitip.platform.testplans;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Runs a test plan's cases over HTTP and records the execution. */
@Component
public class TestExecuteTool implements Tool<TestExecuteTool.Input> {

    public record Input(
            @Param(value = "The plan's id (plan-…) or unique name.", required = true, minLength = 1, maxLength = 200)
            String plan,
            @Param(value = "Run against this base URL instead of the plan's (e.g. staging instead of production).",
                    maxLength = 2000) String baseUrl,
            @Param("Skip the remaining cases after the first failure (default false).") Boolean failFast) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("test_execute")
            .toolset("tests")
            .title("Run a test plan")
            .description("Runs a test plan's cases in order over real HTTP against its base_url (or the base_url given), "
                    + "judging status, JSON assertions and latency, and records the execution: status passed or failed, "
                    + "passed/failed/skipped counts and per-case results with every failure reason. Returns the "
                    + "execution; test_results with its execution_id reads it again later.")
            .write()
            .openWorld()
            .longRunning()
            .permission("tests:write")
            .example("en", "Run the api-smoke test plan", Map.of("plan", "api-smoke"))
            .example("en", "Execute plan-1a2b3c4d against https://staging.example.com and stop at the first failure",
                    Map.of("plan", "plan-1a2b3c4d", "base_url", "https://staging.example.com", "fail_fast", true))
            .example("zh", "执行测试计划 chat-checks", Map.of("plan", "chat-checks"))
            .example("zh", "对预发环境 https://staging.example.com 跑一遍 models-regression",
                    Map.of("plan", "models-regression", "base_url", "https://staging.example.com"))
            .build();

    private final TestPlanService plans;

    public TestExecuteTool(TestPlanService plans) {
        this.plans = plans;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        TestPlan plan = plans.require(Scope.of(context), input.plan());
        return TestReport.of(plans.execute(context, plan, input.baseUrl(), Boolean.TRUE.equals(input.failFast())), false);
    }
}
