package io.aitip.platform.testplans;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The project's test plans, newest first, each with its last execution's outcome. */
@Component
public class TestPlanListTool implements Tool<TestPlanListTool.Input> {

    public record Input(
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Item(String planId, String name, String type, String baseUrl, int caseCount, String lastExecutionId,
                       String lastStatus, Instant lastRunAt, Instant createdAt) {
    }

    public record Page(List<Item> plans, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("test_plan_list")
            .toolset("tests")
            .title("List test plans")
            .description("Lists the test plans of the current project, newest first, with their case count and the "
                    + "status of their last execution (passed, failed, running). Run one with test_execute; pass "
                    + "next_cursor back as cursor for the next page.")
            .readOnly()
            .permission("tests:read")
            .example("en", "List my test plans", Map.of())
            .example("en", "Show the first 5 test plans", Map.of("limit", 5))
            .example("zh", "列出所有测试计划", Map.of())
            .example("zh", "看看最近的 10 个测试计划", Map.of("limit", 10))
            .build();

    private final TestPlanService plans;

    public TestPlanListTool(TestPlanService plans) {
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
        int limit = Limits.of(input.limit());
        List<TestPlanStore.Listed> fetched = plans.store().list(Scope.of(context), limit + 1, Cursor.decode(input.cursor()));
        List<Item> items = KeysetPages.page(fetched, limit).stream().map(l -> new Item(l.plan().id(), l.plan().name(),
                l.plan().type().wire(), l.plan().baseUrl(), l.plan().cases().size(), l.lastExecutionId(), l.lastStatus(),
                l.lastRunAt() == null ? null : l.lastRunAt().toInstant(), l.plan().createdAt())).toList();
        return new Page(items, items.size(), KeysetPages.nextCursor(fetched, limit,
                l -> new Cursor(l.plan().createdAt(), l.plan().id()).encode()));
    }
}
