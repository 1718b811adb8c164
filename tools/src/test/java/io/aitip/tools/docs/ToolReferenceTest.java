package io.aitip.tools.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.samples.SampleJobStopTool;
import io.aitip.tools.samples.Samples;
import io.aitip.tools.samples.SubmitInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolReferenceTest {

    @Test
    void referenceHasASectionPerToolsetAndAParameterTable() {
        String md = ToolReference.renderReference(Samples.catalog());
        assertThat(md).startsWith("# Tool reference\n")
                .contains("\n## resources\n").contains("\n## training\n")
                .contains("### `training_sample_stop` — Stop a training job (sample)")
                .contains("- kind: destructive (D)").contains("- permission: `training:write`").contains("- confirmation: always")
                .contains("| `job_id` | string | yes | The training job id, e.g. train-7f3a2c. (pattern `^train-[0-9a-f]{6,}$`) |")
                .contains("| `reason` | string | no | Why the job is stopped; kept in the audit log. (max length 500) |")
                .contains("| `gpu_type` | string | no | Only GPUs of this type, e.g. a100; omit for all types. (one of `t4`, `a100`, `h100`) |")
                .contains("Examples (en):").contains("示例 (zh):")
                .contains("- \"停止训练任务 train-7f3a2c\" → `{\"job_id\":\"train-7f3a2c\"}`");
        assertThat(md.indexOf("## resources")).isLessThan(md.indexOf("## training"));
    }

    @Test
    void nestedParametersAreFlattened() {
        String md = ToolReference.renderReference(new ToolCatalog(List.of(Samples.tool("training_x", "training", SubmitInput.class))));
        assertThat(md).contains("| `resources` | object | no |")
                .contains("| `resources.gpu_count` | integer | no | GPUs per node. (min 1; max 8) |")
                .contains("| `tags` | array of string | no |")
                .contains("| `stages[].name` | string | yes |");
    }

    @Test
    void readmeTable() {
        String table = ToolReference.renderReadmeTable(Samples.catalog());
        assertThat(table.split("\n")).containsExactly(
                "| toolset | tool | kind | description |",
                "|---|---|---|---|",
                "| resources | `resources_sample_gpus` | R | Lists the GPUs of the cluster with their type and whether they are free. |",
                "| training | `training_sample_stop` | D | Stops a running training job and frees its GPUs; the job ends as cancelled. |");
    }

    @Test
    void spliceReplacesOnlyBetweenMarkers() {
        assertThat(ToolReference.spliceReadme("a\n<!-- tools:start -->\nx\n<!-- tools:end -->\nb", "T\n"))
                .isEqualTo("a\n<!-- tools:start -->\nT\n<!-- tools:end -->\nb");
        assertThatThrownBy(() -> ToolReference.spliceReadme("no markers", "T")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstSentence() {
        assertThat(ToolReference.firstSentence("Stops a job. Then more.")).isEqualTo("Stops a job.");
        assertThat(ToolReference.firstSentence("停止任务。然后")).isEqualTo("停止任务。");
        assertThat(ToolReference.firstSentence("v1.2 is out")).isEqualTo("v1.2 is out");
        assertThat(ToolReference.firstSentence(new SampleJobStopTool().spec().description())).endsWith("cancelled.");
    }
}
