package io.aitip.platform.testplans;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Creates a test plan: API checks (request, expected status, JSON assertions, latency bound) against a base URL. */
@Component
public class TestPlanCreateTool implements Tool<TestPlanCreateTool.Input> {

    public record Input(
            @Param(value = "Unique name of the plan in the project, e.g. 'chat-api-smoke'.", required = true, minLength = 1,
                    maxLength = 200) String name,
            @Param("api (default), smoke, regression, integration or e2e: a label for what the plan is for.")
            TestPlan.Type type,
            @Param(value = "What the plan checks.", maxLength = 4000) String description,
            @Param(value = "The service under test, e.g. 'https://svc.example.com' or an inference service's endpoint; "
                    + "case paths are appended to it. Private and loopback addresses are refused unless the operator "
                    + "allows them (AITIP_WEBHOOK_ALLOWLIST).", required = true, minLength = 1, maxLength = 2000)
            String baseUrl,
            @Param(value = "The checks, run in this order (1 to 100).", required = true,
                    maxItems = TestPlanService.MAX_CASES) List<TestCase> cases) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("test_plan_create")
            .toolset("tests")
            .title("Create a test plan")
            .description("Creates a test plan: API checks against base_url, each a request (method, path, headers, body) "
                    + "with the expected status, JSON Pointer assertions (equals, exists, not_exists, contains) and a "
                    + "latency bound. Returns plan_id; run it with test_execute (plan id or name) and read the report "
                    + "with test_results. Fails with CONFLICT when the name is taken.")
            .write()
            .openWorld()
            .permission("tests:write")
            .example("en", "Create a smoke test plan for https://api.example.com that checks GET /health returns 200",
                    Map.of("name", "api-smoke", "type", "smoke", "base_url", "https://api.example.com",
                            "cases", List.of(Map.of("name", "health", "path", "/health", "expected_status", 200))))
            .example("en", "Test plan chat-checks: POST /v1/chat/completions must answer 200 within 2 s with "
                            + "choices[0].message.content present",
                    Map.of("name", "chat-checks", "base_url", "https://llm.example.com",
                            "cases", List.of(Map.of("name", "chat answers", "method", "POST", "path", "/v1/chat/completions",
                                    "body", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                                    "expected_status", 200, "max_latency_ms", 2000,
                                    "assertions", List.of(Map.of("pointer", "/choices/0/message/content", "op", "exists"))))))
            .example("zh", "为 https://svc.example.com 建一个回归测试计划：GET /v1/models 返回 200，且 /data/0/id 等于 tiny",
                    Map.of("name", "models-regression", "type", "regression", "base_url", "https://svc.example.com",
                            "cases", List.of(Map.of("name", "模型列表", "path", "/v1/models", "expected_status", 200,
                                    "assertions", List.of(Map.of("pointer", "/data/0/id", "op", "equals", "value", "tiny"))))))
            .example("zh", "创建测试计划 health-check，检查 /healthz 在 500 毫秒内返回",
                    Map.of("name", "health-check", "base_url", "https://svc.example.com",
                            "cases", List.of(Map.of("name", "健康检查", "path", "/healthz", "max_latency_ms", 500))))
            .build();

    private final TestPlanService plans;

    public TestPlanCreateTool(TestPlanService plans) {
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
        return TestPlanView.of(plans.create(Scope.of(context), input));
    }
}
