package io.aitip.platform.tuning;

import io.aitip.platform.resources.ResourcesCostsTool;
import io.aitip.platform.resources.ResourcesUsageTool;
import io.aitip.platform.testplans.TestExecuteTool;
import io.aitip.platform.testplans.TestPlanCreateTool;
import io.aitip.platform.testplans.TestPlanListTool;
import io.aitip.platform.testplans.TestResultsTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.testing.ToolRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared tool rules (names, hints, permissions, bilingual examples, strict schemas) for the tuning, tests and usage tools. */
class TuningTestsUsageToolRulesTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new TrainingTuneTool(null), new TrainingTuneGetTool(null),
                new TrainingTuneStopTool(null), new TestPlanCreateTool(null), new TestPlanListTool(null),
                new TestExecuteTool(null), new TestResultsTool(null), new ResourcesUsageTool(null),
                new ResourcesCostsTool(null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }
}
