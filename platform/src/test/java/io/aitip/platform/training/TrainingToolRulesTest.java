package io.aitip.platform.training;

import io.aitip.platform.datasets.DatasetGetTool;
import io.aitip.platform.datasets.DatasetLineageTool;
import io.aitip.platform.datasets.DatasetListTool;
import io.aitip.platform.datasets.DatasetRegisterTool;
import io.aitip.platform.datasets.DatasetSearchTool;
import io.aitip.platform.datasets.DatasetVersionTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.testing.ToolRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared tool rules (names, hints, permissions, bilingual examples, strict schemas) for the dataset and training tools. */
class TrainingToolRulesTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new DatasetRegisterTool(null), new DatasetListTool(null), new DatasetGetTool(null),
                new DatasetSearchTool(null), new DatasetVersionTool(null), new DatasetLineageTool(null),
                new TrainingSubmitTool(null), new TrainingListTool(null), new TrainingGetTool(null),
                new TrainingLogsTool(null, null), new TrainingMetricsTool(null, null), new TrainingStopTool(null),
                new TrainingWaitTool(null, null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }
}
