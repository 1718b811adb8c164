package io.aitip.tools.samples;

import io.aitip.tools.testing.ToolRules;
import io.aitip.tools.testing.ToolSnapshots;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What every module with tools does: the rules per tool, and the golden snapshots. */
class ReferenceToolsTest {

    @TestFactory
    Stream<DynamicTest> toolRules() {
        return ToolRules.dynamicTests(Samples.catalog());
    }

    @Test
    void snapshots() {
        ToolSnapshots.verify(Samples.catalog(), ToolSnapshots.DEFAULT_DIR);
    }
}
