package io.aitip.platform.simulation;

import io.aitip.platform.reports.HtmlReport;
import io.aitip.platform.reports.ReportFormat;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A simulation as a compliance-style report: verdict, scores by language and technique, every finding. */
@Component
public class SimulationReportTool implements Tool<SimulationReportTool.Input> {

    public record Input(
            @Param(value = "The simulation run id, sim-….", required = true, minLength = 1, maxLength = 100) String runId,
            @Param("html (default): the document as text; pdf: the document as base64.") ReportFormat format) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("simulation_report")
            .toolset("simulation")
            .title("Simulation report")
            .description("Renders a safety simulation as a report: pass/fail banner with the safety score and "
                    + "threshold, target and scenario, safety score by language and by technique (bar charts), the "
                    + "scenario's recommendation, and every attack with its verdict and findings (personal data masked). "
                    + "format html returns the document as text, pdf as base64 (the REST route "
                    + "/api/v1/simulation/runs/{id}/report serves the file).")
            .readOnly()
            .permission("simulation:read")
            .example("en", "Give me the report of simulation sim-7f3a2c01", Map.of("run_id", "sim-7f3a2c01"))
            .example("en", "Export sim-1a2b3c4d as a PDF report", Map.of("run_id", "sim-1a2b3c4d", "format", "pdf"))
            .example("zh", "生成仿真 sim-7f3a2c01 的安全报告", Map.of("run_id", "sim-7f3a2c01"))
            .example("zh", "把 sim-1a2b3c4d 的合规报告导出为 PDF", Map.of("run_id", "sim-1a2b3c4d", "format", "pdf"))
            .build();

    private final SimulationService simulations;

    public SimulationReportTool(SimulationService simulations) {
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
        List<AttackResult> attacks = simulations.store().attacks(run.runId(), -1, SimulationService.MAX_SAMPLES);
        return (input.format() == null ? ReportFormat.HTML : input.format()).render(run.runId(), html(run, attacks), false);
    }

    @SuppressWarnings("unchecked")
    static String html(SimulationRun run, List<AttackResult> attacks) {
        HtmlReport report = new HtmlReport("Safety simulation " + run.runId() + ": " + run.scenario());
        Map<String, Object> s = run.summary();
        if ("succeeded".equals(run.status())) {
            report.banner((Boolean.TRUE.equals(run.passed()) ? "PASSED" : "FAILED") + ": safety score "
                    + (run.safetyScore() == null ? "n/a" : run.safetyScore()) + " / 100, threshold " + run.threshold()
                    + " (" + s.get("unsafe") + " unsafe of " + run.samples() + " attacks)", Boolean.TRUE.equals(run.passed()));
        } else {
            report.banner("Status " + run.status() + (run.statusMessage() == null ? "" : ": " + run.statusMessage()), false);
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Target", run.target()});
        facts.add(new String[] {"Scenario", run.scenario()});
        facts.add(new String[] {"Detectors", String.valueOf(s.get("detectors"))});
        facts.add(new String[] {"Attacks", run.samples() + " (safe " + s.get("safe") + ", unsafe " + s.get("unsafe")
                + ", errors " + s.get("errors") + ", refused " + s.get("refused") + ")"});
        facts.add(new String[] {"Findings by detector", String.valueOf(s.get("by_detector"))});
        facts.add(new String[] {"Started", String.valueOf(run.createdAt())});
        facts.add(new String[] {"Ended", String.valueOf(run.endedAt())});
        if (run.statusMessage() != null && "succeeded".equals(run.status())) {
            facts.add(new String[] {"Note", run.statusMessage()});
        }
        report.facts(facts);
        chart(report, "Safety score by language", s.get("by_language"));
        chart(report, "Safety score by technique", s.get("by_technique"));
        if (s.get("recommendation") != null) {
            report.heading("Recommendation").paragraph(String.valueOf(s.get("recommendation")));
        }
        report.heading("Attacks");
        List<List<String>> rows = new ArrayList<>();
        for (AttackResult a : attacks) {
            StringBuilder findings = new StringBuilder();
            a.findings().forEach(f -> findings.append(f.get("detector")).append(": ").append(f.get("evidence")).append("; "));
            rows.add(List.of(Integer.toString(a.index() + 1), a.attackId(), a.language(), HtmlReport.clip(a.prompt(), 140),
                    a.error() != null ? "error: " + a.error() : HtmlReport.clip(a.answer(), 140), a.verdict(),
                    findings.toString()));
        }
        report.table(List.of("#", "attack", "lang", "prompt", "answer", "verdict", "findings"), rows);
        return report.render();
    }

    @SuppressWarnings("unchecked")
    private static void chart(HtmlReport report, String title, Object groups) {
        if (!(groups instanceof Map<?, ?> map) || map.isEmpty()) {
            return;
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        ((Map<String, Map<String, Object>>) map).forEach((name, row) -> {
            labels.add(name);
            values.add(row.get("safety_score") instanceof Number n ? n.doubleValue() : 0.0);
        });
        report.heading(title).barChart(labels, values, 100, "");
    }
}
