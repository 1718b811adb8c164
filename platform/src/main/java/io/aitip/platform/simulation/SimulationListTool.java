package io.aitip.platform.simulation;

import io.aitip.platform.support.Cursor;
import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The project's simulation runs, newest first. */
@Component
public class SimulationListTool implements Tool<SimulationListTool.Input> {

    public enum Status {
        RUNNING, SUCCEEDED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Input(
            @Param(value = "Only runs of this scenario, e.g. jailbreak.", maxLength = 50) String scenario,
            @Param("Only runs in this status: running, succeeded or failed.") Status status,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first page.") String cursor) {
    }

    public record Page(List<SimulationView> simulations, int count, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("simulation_list")
            .toolset("simulation")
            .title("List simulation runs")
            .description("Lists the project's safety simulation runs, newest first, with target, scenario, safety "
                    + "score and passed; filter by scenario or status. Pass next_cursor back as cursor for the next "
                    + "page; call simulation_get for the attacks of one run.")
            .readOnly()
            .permission("simulation:read")
            .example("en", "List my safety simulations", Map.of())
            .example("en", "Show the jailbreak simulation runs", Map.of("scenario", "jailbreak"))
            .example("zh", "列出所有安全仿真记录", Map.of())
            .example("zh", "最近 5 次提示注入仿真的结果", Map.of("scenario", "prompt_injection", "limit", 5))
            .build();

    private final SimulationService simulations;

    public SimulationListTool(SimulationService simulations) {
        this.simulations = simulations;
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
        Scope scope = Scope.of(context);
        String scenario = input.scenario() == null || input.scenario().isBlank() ? null
                : simulations.library().require(input.scenario()).id();
        int limit = Limits.of(input.limit());
        List<SimulationRun> rows = simulations.store().list(scope, scenario,
                input.status() == null ? null : input.status().wire(), limit + 1, Cursor.decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, last -> new Cursor(last.createdAt(), last.runId()).encode());
        List<SimulationView> views = KeysetPages.page(rows, limit).stream().map(SimulationView::of).toList();
        return new Page(views, views.size(), next);
    }
}
