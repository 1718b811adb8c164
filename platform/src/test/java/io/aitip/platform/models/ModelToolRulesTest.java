package io.aitip.platform.models;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Tool;
import io.aitip.tools.testing.ToolRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The shared tool rules (names, hints, permissions, bilingual examples, strict schemas) for the model tools. */
class ModelToolRulesTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new ModelRegisterTool(null), new ModelListTool(null), new ModelGetTool(null),
                new ModelVersionsTool(null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }
}
