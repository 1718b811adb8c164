package io.aitip.platform.evaluation;

import io.aitip.platform.reports.HtmlReport;
import io.aitip.platform.reports.ReportFormat;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** An evaluation as a self-contained HTML report or a PDF. */
@Component
public class EvaluationReportTool implements Tool<EvaluationReportTool.Input> {

    /** The report lists at most this many items; evaluation_get pages through all of them. */
    static final int MAX_ROWS = 200;

    public record Input(
            @Param(value = "The evaluation id, eval-….", required = true, minLength = 1, maxLength = 100) String evalId,
            @Param("html (default): the document as text; pdf: the document as base64.") ReportFormat format) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("evaluation_report")
            .toolset("evaluation")
            .title("Evaluation report")
            .description("Renders an evaluation as a report: summary (model, version, benchmark, metric, score), a bar "
                    + "chart of the score per category, latency percentiles and a table of items (first 200; "
                    + "evaluation_get pages through all). format html returns the document as text, pdf as base64 "
                    + "(the REST route /api/v1/evaluation/jobs/{id}/report serves the file).")
            .readOnly()
            .permission("evaluation:read")
            .example("en", "Make an HTML report of eval-7f3a2c01", Map.of("eval_id", "eval-7f3a2c01"))
            .example("en", "Export evaluation eval-1a2b3c4d as PDF", Map.of("eval_id", "eval-1a2b3c4d", "format", "pdf"))
            .example("zh", "生成评测 eval-7f3a2c01 的报告", Map.of("eval_id", "eval-7f3a2c01"))
            .example("zh", "把评测 eval-1a2b3c4d 导出成 PDF 报告", Map.of("eval_id", "eval-1a2b3c4d", "format", "pdf"))
            .build();

    private final EvaluationService evaluations;

    public EvaluationReportTool(EvaluationService evaluations) {
        this.evaluations = evaluations;
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
        EvaluationRun run = evaluations.require(Scope.of(context), input.evalId());
        List<ItemResult> items = evaluations.store().items(run.evalId(), -1, MAX_ROWS + 1);
        boolean truncated = items.size() > MAX_ROWS;
        String xhtml = html(run, items.subList(0, Math.min(MAX_ROWS, items.size())), truncated);
        return (input.format() == null ? ReportFormat.HTML : input.format()).render(run.evalId(), xhtml, truncated);
    }

    @SuppressWarnings("unchecked")
    static String html(EvaluationRun run, List<ItemResult> items, boolean truncated) {
        HtmlReport report = new HtmlReport("Evaluation " + run.evalId() + ": " + run.modelName() + " " + run.modelVersion()
                + " on " + run.benchmark());
        Map<String, Object> a = run.aggregates();
        if ("succeeded".equals(run.status())) {
            report.banner(run.metric() + " = " + percent(run.score()) + " (" + a.get("correct") + " of " + a.get("total")
                    + " correct, " + a.get("errors") + " errors)", run.score() != null && run.score() >= 0.5);
        } else {
            report.banner("Status " + run.status() + (run.statusMessage() == null ? "" : ": " + run.statusMessage()), false);
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Model", run.modelName() + " (" + run.modelId() + ") " + run.modelVersion()});
        facts.add(new String[] {"Benchmark", run.benchmark() + (run.datasetId() == null ? " (shipped sample items)"
                : " on dataset " + run.datasetId() + " " + run.datasetVersion())});
        facts.add(new String[] {"Metric", run.metric()});
        facts.add(new String[] {"Target", run.target()});
        facts.add(new String[] {"Items", Integer.toString(run.itemCount())});
        facts.add(new String[] {"Started", String.valueOf(run.createdAt())});
        facts.add(new String[] {"Ended", String.valueOf(run.endedAt())});
        if (a.get("latency_ms") instanceof Map<?, ?> latency && !latency.isEmpty()) {
            facts.add(new String[] {"Latency (ms)", "p50 " + latency.get("p50") + ", p95 " + latency.get("p95") + ", max "
                    + latency.get("max")});
        }
        report.facts(facts);
        if (a.get("by_category") instanceof List<?> categories && !categories.isEmpty()) {
            report.heading("Score by category");
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Object c : categories) {
                Map<String, Object> row = (Map<String, Object>) c;
                labels.add(row.get("category") + " (" + row.get("correct") + "/" + row.get("total") + ")");
                values.add(((Number) row.get("score")).doubleValue() * 100);
            }
            report.barChart(labels, values, 100, "%");
        }
        report.heading("Items" + (truncated ? " (first " + items.size() + " of " + run.itemCount() + ")" : ""));
        List<List<String>> rows = new ArrayList<>();
        for (ItemResult item : items) {
            rows.add(List.of(Integer.toString(item.index() + 1), item.itemId(), HtmlReport.clip(item.prompt(), 160),
                    item.expected(), item.error() != null ? "error: " + item.error() : HtmlReport.clip(item.answer(), 160),
                    item.correct() ? "yes" : "no"));
        }
        report.table(List.of("#", "item", "prompt", "expected", "answer", "correct"), rows);
        return report.render();
    }

    static String percent(Double score) {
        return score == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", score * 100);
    }
}
