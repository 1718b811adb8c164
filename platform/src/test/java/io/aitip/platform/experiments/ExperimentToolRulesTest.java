package io.aitip.platform.experiments;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.testing.ToolRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared tool rules (names, hints, permissions, bilingual examples, strict schemas) for the experiment tools. */
class ExperimentToolRulesTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new ExperimentCreateTool(null), new ExperimentListTool(null),
                new ExperimentGetTool(null, null), new ExperimentCompareTool(null, null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }
}
