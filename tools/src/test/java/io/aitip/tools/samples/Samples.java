package io.aitip.tools.samples;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Helpers for tests: a catalog of the two reference tools, and ad-hoc tools over any input record. */
public final class Samples {

    private Samples() {
    }

    public static ToolCatalog catalog() {
        return new ToolCatalog(List.of(new SampleGpuListTool(), new SampleJobStopTool()));
    }

    public static RegisteredTool registered(Tool<?> tool) {
        return new ToolCatalog(List.of(tool)).find(tool.spec().name()).orElseThrow();
    }

    /** A write tool named {@code name} over {@code input} whose handler returns its input. */
    public static <I> Tool<I> tool(String name, String toolset, Class<I> input) {
        ToolSpec spec = ToolSpec.builder(name).toolset(toolset).title("Test " + name)
                .description("A tool made up by a test to exercise the catalog and its renderers.")
                .write().permission(toolset + ":write")
                .example("en", "do it", Map.of()).build();
        return new Tool<>() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public Class<I> inputType() {
                return input;
            }

            @Override
            public Object call(ToolContext context, I value) {
                return value;
            }
        };
    }

    public static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }
}
