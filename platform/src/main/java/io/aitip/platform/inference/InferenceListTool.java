package io.aitip.platform.inference;

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

/** The project's inference services, newest first, a page at a time. */
@Component
public class InferenceListTool implements Tool<InferenceListTool.Input> {

    public record Input(
            @Param("Only services in this status.") ServiceStatus status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    /** A service in a list: the essentials; inference_get has the rest. */
    public record Item(String serviceId, String name, String status, String model, String modelVersion,
                       String canaryVersion, int canaryPercent, String runtime, int replicas, Instant createdAt) {
    }

    public record Page(List<Item> services, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("inference_list")
            .toolset("inference")
            .title("List inference services")
            .description("Lists the inference services of the current project, newest first, optionally by status "
                    + "(deploying, ready, stopped, failed). Pass next_cursor back as cursor for the next page; call "
                    + "inference_get with a service id for replicas and endpoints.")
            .readOnly()
            .permission("inference:read")
            .example("en", "List my inference services", Map.of())
            .example("en", "Which services are ready?", Map.of("status", "ready"))
            .example("zh", "列出所有推理服务", Map.of())
            .example("zh", "看看失败的推理服务", Map.of("status", "failed"))
            .build();

    private final DeploymentStore store;

    public InferenceListTool(DeploymentStore store) {
        this.store = store;
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
        List<Deployment> rows = store.list(Scope.of(context), input.status(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.id()).encode());
        List<Item> items = KeysetPages.page(rows, limit).stream().map(d -> new Item(d.id(), d.name(), d.status().wire(),
                d.modelName(), d.modelVersion(), d.canaryVersion(), d.canaryPercent(), d.runtime().wire(), d.replicas(),
                d.createdAt())).toList();
        return new Page(items, items.size(), next);
    }
}
