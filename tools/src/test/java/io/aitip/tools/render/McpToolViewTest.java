package io.aitip.tools.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.SampleJobStopTool;
import io.aitip.tools.samples.Samples;
import io.aitip.tools.samples.SubmitInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class McpToolViewTest {

    @Test
    void readOnlyToolHints() {
        ObjectNode view = McpToolView.render(Samples.registered(new SampleGpuListTool()));
        assertThat(view.get("name").asString()).isEqualTo("resources_sample_gpus");
        assertThat(view.get("title").asString()).isEqualTo("List GPUs (sample)");
        assertThat(view.get("description").asString()).startsWith("Lists the GPUs");
        assertThat(view.at("/inputSchema/properties/gpu_type/enum").size()).isEqualTo(3);
        JsonNode hints = view.get("annotations");
        assertThat(hints.get("title").asString()).isEqualTo("List GPUs (sample)");
        assertThat(hints.get("readOnlyHint").asBoolean()).isTrue();
        assertThat(hints.get("destructiveHint").asBoolean()).isFalse();
        assertThat(hints.get("idempotentHint").asBoolean()).isTrue();
        assertThat(hints.get("openWorldHint").asBoolean()).isFalse();
    }

    @Test
    void destructiveToolHints() {
        JsonNode hints = McpToolView.render(Samples.registered(new SampleJobStopTool())).get("annotations");
        assertThat(hints.get("readOnlyHint").asBoolean()).isFalse();
        assertThat(hints.get("destructiveHint").asBoolean()).isTrue();
        assertThat(hints.get("idempotentHint").asBoolean()).isFalse();
    }

    @Test
    void writeToolIsNeitherReadOnlyNorDestructive() {
        JsonNode hints = McpToolView.render(Samples.registered(Samples.tool("training_x", "training", SubmitInput.class)))
                .get("annotations");
        assertThat(hints.get("readOnlyHint").asBoolean()).isFalse();
        assertThat(hints.get("destructiveHint").asBoolean()).isFalse();
    }

    @Test
    void outputSchemaIsTheExecuteResultEnvelope() {
        JsonNode output = McpToolView.render(Samples.registered(new SampleGpuListTool())).get("outputSchema");
        assertThat(output.get("type").asString()).isEqualTo("object");
        assertThat(output.get("required").valueStream().map(JsonNode::asString))
                .containsExactly("execution_id", "status", "tool");
        assertThat(output.at("/properties/status/enum").valueStream().map(JsonNode::asString))
                .contains("succeeded", "needs_confirmation", "pending_approval", "denied", "ready");
        assertThat(output.at("/properties/result").has("type")).isFalse();
        assertThat(output.at("/properties/error/properties").propertyNames())
                .containsExactlyInAnyOrder("code", "message", "pointer", "details");
        assertThat(output.has("additionalProperties")).isFalse();
    }

    @Test
    void renderingDoesNotShareState() {
        ObjectNode first = McpToolView.render(Samples.registered(new SampleGpuListTool()));
        ((ObjectNode) first.get("outputSchema")).put("mutated", true);
        ((ObjectNode) first.get("inputSchema")).put("mutated", true);
        ObjectNode second = McpToolView.render(Samples.registered(new SampleGpuListTool()));
        assertThat(second.get("outputSchema").has("mutated")).isFalse();
        assertThat(second.get("inputSchema").has("mutated")).isFalse();
    }
}
