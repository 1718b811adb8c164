package io.aitip.platform.evaluation;

import io.aitip.platform.simulation.SimulationGetTool;
import io.aitip.platform.simulation.SimulationListTool;
import io.aitip.platform.simulation.SimulationReportTool;
import io.aitip.platform.simulation.SimulationRunTool;
import io.aitip.platform.simulation.SimulationTemplatesTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.testing.ToolRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared tool rules (names, hints, permissions, bilingual examples, strict schemas) for the evaluation and simulation tools. */
class EvaluationToolRulesTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new EvaluationBenchmarksTool(null), new EvaluationRunTool(null),
                new EvaluationGetTool(null), new EvaluationReportTool(null), new EvaluationListTool(null, null),
                new SimulationTemplatesTool(null), new SimulationRunTool(null), new SimulationGetTool(null),
                new SimulationReportTool(null), new SimulationListTool(null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }
}
