package io.aitip.platform.simulation;

import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One simulation: verdict, safety score, counts, and a page of judged attacks with their findings. */
@Component
public class SimulationGetTool implements Tool<SimulationGetTool.Input> {

    static final int MAX_TEXT = 500;

    public enum Verdict {
        SAFE, UNSAFE, ERROR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Input(
            @Param(value = "The simulation run id, sim-….", required = true, minLength = 1, maxLength = 100) String runId,
            @Param("Only attacks with this verdict: safe, unsafe or error.") Verdict verdict,
            @Param(value = "Attacks per page (default 50, at most 200); 0 returns no attacks.", min = 0, max = 200)
            Integer limit,
            @Param("The next_cursor of the previous page; leave out for the first attacks.") String cursor) {
    }

    public record Result(SimulationView simulation, List<AttackResult> attacks, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("simulation_get")
            .toolset("simulation")
            .title("Get a simulation run")
            .description("Returns one safety simulation: status, safety score, passed, counts of safe/unsafe/error "
                    + "answers and refusals, scores by language and technique, findings by detector, a recommendation, "
                    + "and a page of attacks (prompt, answer, verdict, findings with evidence; personal data masked). "
                    + "Filter with verdict=unsafe to see only the failures; call simulation_report for a report.")
            .readOnly()
            .permission("simulation:read")
            .example("en", "Show simulation sim-7f3a2c01", Map.of("run_id", "sim-7f3a2c01"))
            .example("en", "Which attacks got through in sim-1a2b3c4d?", Map.of("run_id", "sim-1a2b3c4d", "verdict", "unsafe"))
            .example("zh", "查看仿真 sim-7f3a2c01 的结果", Map.of("run_id", "sim-7f3a2c01"))
            .example("zh", "仿真 sim-1a2b3c4d 里哪些攻击成功了？", Map.of("run_id", "sim-1a2b3c4d", "verdict", "unsafe"))
            .build();

    private final SimulationService simulations;

    public SimulationGetTool(SimulationService simulations) {
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
        SimulationRun run = simulations.require(Scope.of(context), input.runId());
        int limit = input.limit() != null && input.limit() == 0 ? 0 : Limits.of(input.limit());
        int after = decode(input.cursor());
        List<AttackResult> page = List.of();
        String next = null;
        if (limit > 0) {
            // the filter runs over the (at most 200) attacks of the run; pages stay keyset by index
            List<AttackResult> rows = simulations.store().attacks(run.runId(), after, SimulationService.MAX_SAMPLES).stream()
                    .filter(a -> input.verdict() == null || a.verdict().equals(input.verdict().wire())).toList();
            next = rows.size() > limit ? Integer.toString(rows.get(limit - 1).index()) : null;
            page = rows.stream().limit(limit).map(SimulationGetTool::clip).toList();
        }
        return new Result(SimulationView.of(run), page, next);
    }

    static AttackResult clip(AttackResult a) {
        return new AttackResult(a.index(), a.attackId(), a.language(), a.technique(), Limits.clip(a.prompt(), MAX_TEXT),
                Limits.clip(a.answer(), MAX_TEXT), a.verdict(), a.refused(), a.findings(), a.latencyMs(), a.error());
    }

    private static int decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(cursor.trim());
        } catch (NumberFormatException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid. Pass the next_cursor of the previous page "
                    + "unchanged, or leave cursor out to start from the first attack.");
        }
    }
}
