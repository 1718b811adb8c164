package io.aitip.policy.approvals;

import io.aitip.platform.support.Limits;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The org's approval requests, newest first. */
@Component
public class ApprovalsListTool implements Tool<ApprovalsListTool.Input> {

    public record Input(
            @Param("Only approvals in this status: pending (waiting for a decision), approved, rejected or expired. "
                    + "Leave out for all.") ApprovalStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Page(List<ApprovalView> approvals, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("approvals_list")
            .toolset("approvals")
            .title("List approval requests")
            .description("Lists the org's approval requests, newest first: calls that a policy held for another "
                    + "person's approval (many GPUs, a large GPU-hour estimate, a production release, deleting a "
                    + "dataset version in use). Each shows the exact call (tool, arguments with secrets redacted, "
                    + "arguments_hash), the rule and reason, the requester, its status and, once approved, the "
                    + "execution_id of the call it ran. Owners and admins decide pending ones with approvals_decide.")
            .readOnly()
            .permission("approvals:read")
            .example("en", "Which approvals are waiting for a decision?", Map.of("status", "pending"))
            .example("en", "Show the last 10 approval requests", Map.of("limit", 10))
            .example("zh", "有哪些待审批的请求？", Map.of("status", "pending"))
            .example("zh", "列出已经被拒绝的审批", Map.of("status", "rejected"))
            .build();

    private final ApprovalService approvals;

    public ApprovalsListTool(ApprovalService approvals) {
        this.approvals = approvals;
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
    public Page call(ToolContext context, Input input) {
        ApprovalService.Page page = approvals.list(context.principal(),
                input.status() == null ? null : input.status().wire(), Limits.of(input.limit()), input.cursor());
        return new Page(page.approvals(), page.approvals().size(), page.nextCursor());
    }
}
