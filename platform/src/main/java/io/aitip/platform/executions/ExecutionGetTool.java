package io.aitip.platform.executions;

import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.ExecutionRecords;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStore;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the status and result of an execution, e.g. one started with {@code async: true}. */
@Component
public class ExecutionGetTool implements Tool<ExecutionGetTool.Input> {

    public record Input(
            @Param(value = "The execution id returned by an earlier call, e.g. exec-3f9a2b7c01de.", required = true,
                    pattern = "^exec-[0-9a-f]{6,32}$") String executionId) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("execution_get")
            .toolset("platform")
            .title("Get an execution")
            .description("Returns the status (queued, running, succeeded, failed, …) and the result or error of an "
                    + "execution started earlier, for example with async: true. Poll it until the status is terminal.")
            .readOnly()
            .permission("platform:read")
            .example("en", "What is the status of execution exec-3f9a2b7c01de?", Map.of("execution_id", "exec-3f9a2b7c01de"))
            .example("en", "Did exec-0a1b2c3d4e5f finish?", Map.of("execution_id", "exec-0a1b2c3d4e5f"))
            .example("zh", "查看执行 exec-3f9a2b7c01de 的状态", Map.of("execution_id", "exec-3f9a2b7c01de"))
            .example("zh", "exec-0a1b2c3d4e5f 执行完成了吗？", Map.of("execution_id", "exec-0a1b2c3d4e5f"))
            .build();

    private final ExecutionStore executions;

    public ExecutionGetTool(ExecutionStore executions) {
        this.executions = executions;
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
    public ExecutionResult call(ToolContext context, Input input) {
        return executions.find(context.principal().orgId(), input.executionId())
                .map(ExecutionRecords::toResult)
                .orElseThrow(() -> ToolException.notFound("Execution", input.executionId(),
                        "Use an id returned by a call in this org; read-only synchronous calls are not stored."));
    }
}
