package io.aitip.tools.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.tools.model.Param;
import io.aitip.tools.samples.SubmitInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaGeneratorTest {

    private final ObjectNode schema = SchemaGenerator.inputSchema(SubmitInput.class);

    @Test
    void closedObjectWithRequiredFields() {
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(names(schema.get("required"))).containsExactly("name", "model");
        assertThat(names(schema.get("properties").propertyNames()))
                .containsExactly("name", "model", "resources", "tags", "labels", "priority", "learning_rate", "stages");
    }

    @Test
    void boundsAndDescriptions() {
        JsonNode props = schema.get("properties");
        assertThat(props.at("/name/minLength").asInt()).isEqualTo(1);
        assertThat(props.at("/name/maxLength").asInt()).isEqualTo(64);
        assertThat(props.at("/name/description").asString()).isEqualTo("Job name.");
        assertThat(props.at("/priority/type").asString()).isEqualTo("integer");
        assertThat(props.at("/priority/minimum").isIntegralNumber()).isTrue();
        assertThat(props.at("/priority/maximum").asInt()).isEqualTo(10);
        assertThat(props.at("/learning_rate/type").asString()).isEqualTo("number");
        assertThat(props.at("/learning_rate/maximum").asDouble()).isEqualTo(0.5);
    }

    @Test
    void enumsUseWireValues() {
        JsonNode gpu = schema.at("/properties/resources/properties/gpu_type");
        assertThat(gpu.get("type").asString()).isEqualTo("string");
        assertThat(names(gpu.get("enum"))).containsExactly("t4", "a100", "h100");
    }

    @Test
    void nestedRecordsAreClosedObjects() {
        JsonNode resources = schema.at("/properties/resources");
        assertThat(resources.get("type").asString()).isEqualTo("object");
        assertThat(resources.get("additionalProperties").asBoolean()).isFalse();
        assertThat(names(resources.get("required"))).containsExactly("gpu_type");
        assertThat(resources.at("/properties/gpu_count/minimum").asInt()).isEqualTo(1);
        assertThat(resources.get("description").asString()).isEqualTo("GPU resources.");
    }

    @Test
    void listsAndSets() {
        JsonNode props = schema.get("properties");
        assertThat(props.at("/tags/type").asString()).isEqualTo("array");
        assertThat(props.at("/tags/items/type").asString()).isEqualTo("string");
        assertThat(props.at("/tags/maxItems").asInt()).isEqualTo(10);
        assertThat(props.at("/labels/uniqueItems").asBoolean()).isTrue();
        assertThat(props.at("/stages/items/type").asString()).isEqualTo("object");
        assertThat(names(props.at("/stages/items/required"))).containsExactly("name");
    }

    record WithMap(@Param("x") Map<String, String> values) {
    }

    record WithObject(@Param("x") Object value) {
    }

    record Undocumented(String value) {
    }

    record WithArray(@Param("x") String[] values) {
    }

    @Test
    void unsupportedTypesAreRejected() {
        assertThatThrownBy(() -> SchemaGenerator.inputSchema(WithMap.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WithMap.values");
        assertThatThrownBy(() -> SchemaGenerator.inputSchema(WithObject.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported type");
        assertThatThrownBy(() -> SchemaGenerator.inputSchema(WithArray.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaGenerator.inputSchema(Undocumented.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a @Param");
        assertThatThrownBy(() -> SchemaGenerator.inputSchema(String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a record");
    }

    @Test
    void wireNamesAreSnakeCase() {
        assertThat(SchemaGenerator.wireName("maxRuntimeMinutes")).isEqualTo("max_runtime_minutes");
        assertThat(SchemaGenerator.wireName("jobId")).isEqualTo("job_id");
    }

    static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    static List<String> names(java.util.Collection<String> names) {
        return List.copyOf(names);
    }
}
