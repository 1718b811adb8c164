package io.aitip.platform.testplans;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The report of one test execution. */
@Component
public class TestResultsTool implements Tool<TestResultsTool.Input> {

    public record Input(
            @Param(value = "The execution's id (testrun-…) from test_execute.", required = true, minLength = 1,
                    maxLength = 100) String executionId,
            @Param("Only the failed cases (default false).") Boolean onlyFailed) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("test_results")
            .toolset("tests")
            .title("Test execution report")
            .description("Returns the report of a test execution: status, pass rate, passed/failed/skipped counts, "
                    + "duration, and per case the HTTP status, latency and every failure reason with an excerpt of the "
                    + "answer. only_failed keeps the failed cases. Fix the service or the plan, then run test_execute "
                    + "again.")
            .readOnly()
            .permission("tests:read")
            .example("en", "Show the results of test run testrun-1a2b3c4d", Map.of("execution_id", "testrun-1a2b3c4d"))
            .example("en", "Which cases failed in testrun-1a2b3c4d?",
                    Map.of("execution_id", "testrun-1a2b3c4d", "only_failed", true))
            .example("zh", "查看测试执行 testrun-1a2b3c4d 的报告", Map.of("execution_id", "testrun-1a2b3c4d"))
            .example("zh", "testrun-1a2b3c4d 里哪些用例失败了？", Map.of("execution_id", "testrun-1a2b3c4d", "only_failed", true))
            .build();

    private final TestPlanService plans;

    public TestResultsTool(TestPlanService plans) {
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
        return TestReport.of(plans.execution(Scope.of(context), input.executionId()),
                Boolean.TRUE.equals(input.onlyFailed()));
    }
}
