package io.aitip.tools.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.SampleJobStopTool;
import io.aitip.tools.samples.Samples;
import io.aitip.tools.samples.SubmitInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    @Test
    void toolsAreSortedByName() {
        assertThat(Samples.catalog().all()).extracting(RegisteredTool::name)
                .containsExactly("resources_sample_gpus", "training_sample_stop");
        assertThat(Samples.catalog().size()).isEqualTo(2);
    }

    @Test
    void duplicateNamesFailFast() {
        assertThatThrownBy(() -> new ToolCatalog(List.of(new SampleJobStopTool(), new SampleJobStopTool())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate tool name 'training_sample_stop'");
    }

    @Test
    void unknownToolsetFailsFast() {
        assertThatThrownBy(() -> new ToolCatalog(List.of(Samples.tool("training_x", "trainings", SubmitInput.class))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown toolset 'trainings'");
    }

    @Test
    void inputsWithoutSchemaFailFast() {
        assertThatThrownBy(() -> new ToolCatalog(List.of(Samples.tool("training_x", "training", String.class))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsByWireNameAndDottedAlias() {
        ToolCatalog catalog = Samples.catalog();
        assertThat(catalog.find("training_sample_stop")).isPresent();
        assertThat(catalog.find("training.sample_stop")).get().extracting(RegisteredTool::name)
                .isEqualTo("training_sample_stop");
        assertThat(catalog.find("resources.sample_gpus")).isPresent();
        assertThat(catalog.find("training.sample.stop")).isEmpty();
        assertThat(catalog.find("nope")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    @Test
    void inputSchemaIsADefensiveCopy() {
        RegisteredTool tool = Samples.registered(new SampleGpuListTool());
        tool.inputSchema().put("mutated", true);
        assertThat(tool.inputSchema().has("mutated")).isFalse();
    }
}
