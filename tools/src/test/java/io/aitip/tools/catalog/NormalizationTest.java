package io.aitip.tools.catalog;

import static io.aitip.tools.samples.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.Samples;
import io.aitip.tools.samples.SubmitInput;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NormalizationTest {

    private final RegisteredTool gpus = Samples.registered(new SampleGpuListTool());
    private final RegisteredTool submit = Samples.registered(Samples.tool("training_x", "training", SubmitInput.class));

    @Test
    void upperCaseGpuTypeIsAccepted() {
        JsonNode normalized = gpus.normalize(json("{\"gpu_type\":\"A100\"}"));
        assertThat(normalized.get("gpu_type").asString()).isEqualTo("a100");
        assertThat(gpus.validate(normalized)).isNull();
    }

    @Test
    void unknownEnumValueStaysAndFails() {
        JsonNode normalized = gpus.normalize(json("{\"gpu_type\":\"V100\"}"));
        assertThat(normalized.get("gpu_type").asString()).isEqualTo("V100");
        assertThat(gpus.validate(normalized).pointer()).isEqualTo("/gpu_type");
    }

    @Test
    void nullsAreDroppedAtEveryLevel() {
        JsonNode normalized = submit.normalize(json("""
                {"name":"n","model":"m","tags":null,"resources":{"gpu_type":"H100","gpu_count":null}}"""));
        assertThat(normalized.has("tags")).isFalse();
        assertThat(normalized.at("/resources/gpu_count").isMissingNode()).isTrue();
        assertThat(normalized.at("/resources/gpu_type").asString()).isEqualTo("h100");
        assertThat(submit.validate(normalized)).isNull();
    }

    @Test
    void objectsInsideArraysAreNormalized() {
        JsonNode normalized = submit.normalize(json("""
                {"name":"n","model":"m","stages":[{"name":"a","gpu_type":"T4"},{"name":"b","gpu_type":null}]}"""));
        assertThat(normalized.at("/stages/0/gpu_type").asString()).isEqualTo("t4");
        assertThat(normalized.at("/stages/1/gpu_type").isMissingNode()).isTrue();
        assertThat(submit.validate(normalized)).isNull();
    }

    @Test
    void missingArgumentsBecomeAnEmptyObject() {
        assertThat(gpus.normalize(null).isObject()).isTrue();
        assertThat(gpus.normalize(json("null")).isObject()).isTrue();
        assertThat(gpus.normalize(json("[1]")).isArray()).isTrue();
    }

    @Test
    void normalizeDoesNotMutateItsInput() {
        JsonNode input = json("{\"gpu_type\":\"A100\",\"cursor\":null}");
        gpus.normalize(input);
        assertThat(input.get("gpu_type").asString()).isEqualTo("A100");
        assertThat(input.has("cursor")).isTrue();
    }
}
