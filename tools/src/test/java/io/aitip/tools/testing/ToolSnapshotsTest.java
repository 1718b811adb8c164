package io.aitip.tools.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ToolSnapshotsTest {

    @TempDir
    Path dir;

    private final ToolCatalog catalog = Samples.catalog();

    @Test
    void missingSnapshotsFailWithInstructions() {
        assertThatThrownBy(() -> ToolSnapshots.verify(catalog, dir, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("resources_sample_gpus: no snapshot")
                .hasMessageContaining("training_sample_stop: no snapshot")
                .hasMessageContaining("UPDATE_TOOLSNAPS=true");
    }

    @Test
    void roundTrip() throws Exception {
        ToolSnapshots.verify(catalog, dir, true);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("resources_sample_gpus.snap.json", "training_sample_stop.snap.json");
        ToolSnapshots.verify(catalog, dir, false);

        JsonNode snap = Json.MAPPER.readTree(Files.readString(dir.resolve("training_sample_stop.snap.json")));
        assertThat(snap.propertyNames()).containsExactly("examples", "mcp", "openai", "policy");
        assertThat(snap.at("/mcp/annotations/destructiveHint").asBoolean()).isTrue();
        assertThat(snap.at("/openai/function/strict").asBoolean()).isTrue();
        assertThat(snap.at("/policy/confirmation").asString()).isEqualTo("always");
        assertThat(snap.at("/policy/approval_rule").isNull()).isTrue();
        assertThat(snap.get("examples")).hasSize(4);
        assertThat(snap.at("/mcp").propertyNames())
                .containsExactly("annotations", "description", "inputSchema", "name", "outputSchema", "title");
        assertThat(Files.readString(dir.resolve("training_sample_stop.snap.json"))).endsWith("}\n").contains("\n  ");
    }

    @Test
    void changedSnapshotFailsWithADiff() throws Exception {
        ToolSnapshots.verify(catalog, dir, true);
        Path file = dir.resolve("resources_sample_gpus.snap.json");
        Files.writeString(file, Files.readString(file).replace("List GPUs (sample)", "List the GPUs"));
        assertThatThrownBy(() -> ToolSnapshots.verify(catalog, dir, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("resources_sample_gpus: differs")
                .hasMessageContaining("- ")
                .hasMessageContaining("List the GPUs")
                .hasMessageContaining("+ ")
                .hasMessageNotContaining("training_sample_stop");
        ToolSnapshots.verify(catalog, dir, true);
        ToolSnapshots.verify(catalog, dir, false);
    }

    @Test
    void orphanSnapshotFailsAndUpdateDeletesIt() throws Exception {
        ToolSnapshots.verify(catalog, dir, true);
        ToolCatalog smaller = new ToolCatalog(List.of(new SampleGpuListTool()));
        assertThatThrownBy(() -> ToolSnapshots.verify(smaller, dir, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("training_sample_stop: snapshot of a tool that no longer exists");
        ToolSnapshots.verify(smaller, dir, true);
        assertThat(dir.resolve("training_sample_stop.snap.json")).doesNotExist();
        ToolSnapshots.verify(smaller, dir, false);
    }

    @Test
    void renderingIsStable() {
        assertThat(ToolSnapshots.render(catalog.all().get(0))).isEqualTo(ToolSnapshots.render(Samples.catalog().all().get(0)));
    }
}
