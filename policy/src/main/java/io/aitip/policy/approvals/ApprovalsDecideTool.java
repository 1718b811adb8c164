package io.aitip.policy.approvals;

import com.fasterxml.jackson.annotation.JsonValue;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Approves or rejects a held call; an approval runs the call once, as its requester. */
@Component
public class ApprovalsDecideTool implements Tool<ApprovalsDecideTool.Input> {

    public enum Choice {
        APPROVE, REJECT;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Input(
            @Param(value = "The approval to decide (apr-…), from approvals_list.", required = true, minLength = 1,
                    maxLength = 100) String approvalId,
            @Param(value = "approve runs the held call once, as its requester; reject ends the request. Both are final.",
                    required = true) Choice decision,
            @Param(value = "Why, for the requester and the audit trail.", maxLength = 2000) String comment) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("approvals_decide")
            .toolset("approvals")
            .title("Approve or reject a held call")
            .description("Decides an approval request from approvals_list. approve runs the exact held call once, as "
                    + "the person who asked, and returns its execution (e.g. the training job it started); reject "
                    + "ends the request. Decisions are final. Only org owners and admins may decide, never the "
                    + "requester; a decided (ALREADY_DECIDED) or expired (APPROVAL_EXPIRED) request cannot be decided "
                    + "again.")
            .write()
            .permission("approvals:write")
            .example("en", "Approve apr-7f3a2c01, the budget is fine", Map.of("approval_id", "apr-7f3a2c01",
                    "decision", "approve", "comment", "Budget is fine"))
            .example("en", "Reject approval apr-1b2c3d4e", Map.of("approval_id", "apr-1b2c3d4e", "decision", "reject"))
            .example("zh", "批准审批 apr-7f3a2c01", Map.of("approval_id", "apr-7f3a2c01", "decision", "approve"))
            .example("zh", "拒绝 apr-1b2c3d4e，GPU 不够用", Map.of("approval_id", "apr-1b2c3d4e", "decision", "reject",
                    "comment", "GPU 不够用"))
            .build();

    private final ApprovalService approvals;

    public ApprovalsDecideTool(ApprovalService approvals) {
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
    public ApprovalService.Decided call(ToolContext context, Input input) {
        return approvals.decide(context.principal(), input.approvalId().trim(),
                input.decision() == Choice.APPROVE ? ApprovalService.Verdict.APPROVE : ApprovalService.Verdict.REJECT,
                input.comment());
    }
}
