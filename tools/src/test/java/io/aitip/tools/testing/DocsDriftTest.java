package io.aitip.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsDriftTest {

    @TempDir
    Path root;

    private final ToolCatalog catalog = Samples.catalog();

    @Test
    void updateWritesBothAndKeepsTheRestOfTheReadme() throws Exception {
        Files.writeString(root.resolve("README.md"), "# AITIP\n\nIntro.\n\n<!-- tools:start -->\nold\n<!-- tools:end -->\n\nMore.\n");
        DocsDrift.verify(catalog, root, true);
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).startsWith("# AITIP\n\nIntro.\n\n<!-- tools:start -->\n| toolset |")
                .endsWith("<!-- tools:end -->\n\nMore.\n").doesNotContain("old")
                .contains("| training | `training_sample_stop` | D | Stops a running training job and frees its GPUs; the job ends as cancelled. |");
        assertThat(root.resolve("docs/reference/tools.md")).exists();
        DocsDrift.verify(catalog, root, false);
    }

    @Test
    void driftFailsWithInstructions() throws Exception {
        Files.writeString(root.resolve("README.md"), "<!-- tools:start -->\n<!-- tools:end -->\n");
        DocsDrift.verify(catalog, root, true);
        ToolCatalog smaller = new ToolCatalog(List.of(new SampleGpuListTool()));
        assertThatThrownBy(() -> DocsDrift.verify(smaller, root, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("tools.md differs")
                .hasMessageContaining("README.md tool table differs")
                .hasMessageContaining("UPDATE_TOOLSNAPS=true");
    }

    @Test
    void missingFilesAndMarkers() throws Exception {
        assertThatThrownBy(() -> DocsDrift.verify(catalog, root, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("tools.md is missing").hasMessageContaining("markers");
        Files.writeString(root.resolve("README.md"), "# AITIP\n");
        DocsDrift.verify(catalog, root, true);
        assertThat(Files.readString(root.resolve("README.md"))).startsWith("# AITIP\n\n## Tools\n\n<!-- tools:start -->\n");
        DocsDrift.verify(catalog, root, false);
    }
}
