package io.aitip.tools.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Param;
import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.SampleJobStopTool;
import io.aitip.tools.samples.Samples;
import io.aitip.tools.samples.SubmitInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiToolViewTest {

    private final RegisteredTool submit = Samples.registered(Samples.tool("training_x", "training", SubmitInput.class));

    @Test
    void functionEnvelope() {
        JsonNode view = OpenAiToolView.render(Samples.registered(new SampleJobStopTool()));
        assertThat(view.get("type").asString()).isEqualTo("function");
        assertThat(view.at("/function/name").asString()).isEqualTo("training_sample_stop");
        assertThat(view.at("/function/strict").asBoolean()).isTrue();
        assertThat(view.at("/function/description").asString()).startsWith("Stops a running training job");
        assertThat(StrictModeChecker.check(view)).isEmpty();
    }

    @Test
    void everyPropertyRequiredAndOptionalOnesNullable() {
        JsonNode parameters = OpenAiToolView.render(submit).at("/function/parameters");
        assertThat(parameters.get("additionalProperties").asBoolean()).isFalse();
        assertThat(strings(parameters.get("required"))).containsExactlyInAnyOrderElementsOf(parameters.get("properties").propertyNames());
        assertThat(parameters.at("/properties/name/type").asString()).isEqualTo("string");
        assertThat(strings(parameters.at("/properties/priority/type"))).containsExactly("integer", "null");
        assertThat(strings(parameters.at("/properties/resources/type"))).containsExactly("object", "null");
        assertThat(strings(parameters.at("/properties/tags/type"))).containsExactly("array", "null");
        JsonNode resources = parameters.at("/properties/resources");
        assertThat(resources.get("additionalProperties").asBoolean()).isFalse();
        assertThat(strings(resources.get("required"))).containsExactly("gpu_type", "gpu_count");
        assertThat(resources.at("/properties/gpu_type/type").asString()).isEqualTo("string");
        assertThat(strings(resources.at("/properties/gpu_count/type"))).containsExactly("integer", "null");
        assertThat(StrictModeChecker.check(OpenAiToolView.render(submit))).isEmpty();
    }

    @Test
    void optionalEnumListsNull() {
        JsonNode gpuType = OpenAiToolView.render(Samples.registered(new SampleGpuListTool()))
                .at("/function/parameters/properties/gpu_type");
        assertThat(strings(gpuType.get("type"))).containsExactly("string", "null");
        assertThat(gpuType.get("enum").size()).isEqualTo(4);
        assertThat(gpuType.get("enum").get(3).isNull()).isTrue();
    }

    @Test
    void unsupportedKeywordsAreDroppedAndSupportedOnesKept() {
        JsonNode props = OpenAiToolView.render(submit).at("/function/parameters/properties");
        assertThat(props.get("name").has("minLength")).isFalse();
        assertThat(props.get("name").has("maxLength")).isFalse();
        assertThat(props.get("labels").has("uniqueItems")).isFalse();
        assertThat(props.get("tags").get("maxItems").asInt()).isEqualTo(10);
        assertThat(props.get("priority").get("maximum").asInt()).isEqualTo(10);
        assertThat(props.get("name").get("description").asString()).isEqualTo("Job name.");
        assertThat(props.at("/stages/items/additionalProperties").asBoolean()).isFalse();
        assertThat(props.at("/stages/items/type").asString()).isEqualTo("object");
    }

    record Timed(@Param("When.") Instant at, @Param(value = "Id.", pattern = "^x-[0-9]+$", required = true) String id) {
    }

    @Test
    void supportedFormatAndPatternSurvive() {
        JsonNode props = OpenAiToolView.render(Samples.registered(Samples.tool("training_t", "training", Timed.class)))
                .at("/function/parameters/properties");
        assertThat(props.at("/at/format").asString()).isEqualTo("date-time");
        assertThat(props.at("/id/pattern").asString()).isEqualTo("^x-[0-9]+$");
    }

    @Test
    void strictArgumentsWithNullsValidateAfterNormalization() {
        JsonNode strictCall = Json.MAPPER.readTree("""
                {"name":"n","model":"m","resources":{"gpu_type":"A100","gpu_count":null},"tags":null,"labels":null,
                 "priority":null,"learning_rate":null,"stages":null}""");
        assertThat(submit.validate(submit.normalize(strictCall))).isNull();
    }

    @Test
    void longDescriptionsAreCut() {
        assertThat(OpenAiToolView.render(submit).at("/function/description").asString().length())
                .isLessThanOrEqualTo(OpenAiToolView.MAX_DESCRIPTION);
        assertThat(OpenAiToolView.renderAll(List.of(submit)).size()).isEqualTo(1);
    }

    static List<String> strings(JsonNode node) {
        return node.valueStream().map(JsonNode::asString).toList();
    }
}
