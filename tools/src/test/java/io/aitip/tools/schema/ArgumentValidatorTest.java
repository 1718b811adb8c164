package io.aitip.tools.schema;

import static io.aitip.tools.samples.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.samples.SubmitInput;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {

    private final ArgumentValidator validator = new ArgumentValidator(SchemaGenerator.inputSchema(SubmitInput.class));

    @Test
    void validArgumentsPass() {
        assertThat(validator.validate(json("""
                {"name":"run","model":"llama","resources":{"gpu_type":"a100","gpu_count":2},"tags":["a"]}"""))).isNull();
    }

    @Test
    void wrongTypePointsAtTheField() {
        ToolError error = validator.validate(json("{\"name\":\"run\",\"model\":42}"));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
        assertThat(error.pointer()).isEqualTo("/model");
        assertThat(error.message()).contains("call again");
    }

    @Test
    void nestedViolationPointsIntoTheObject() {
        ToolError error = validator.validate(json("""
                {"name":"run","model":"m","resources":{"gpu_type":"a100","gpu_count":64}}"""));
        assertThat(error.pointer()).isEqualTo("/resources/gpu_count");
    }

    @Test
    void unknownPropertyPointsAtIt() {
        ToolError error = validator.validate(json("{\"name\":\"run\",\"model\":\"m\",\"extra\":1}"));
        assertThat(error.pointer()).isEqualTo("/extra");
    }

    @Test
    void missingRequiredPointsAtTheMissingProperty() {
        ToolError error = validator.validate(json("{\"model\":\"m\"}"));
        assertThat(error.pointer()).isEqualTo("/name");
    }

    @Test
    void arrayItemsGetIndexedPointers() {
        ToolError error = validator.validate(json("""
                {"name":"run","model":"m","stages":[{"name":"a"},{"name":7}]}"""));
        assertThat(error.pointer()).isEqualTo("/stages/1/name");
    }

    @Test
    void everyViolationIsListed() {
        ToolError error = validator.validate(json("{\"model\":1,\"extra\":true}"));
        assertThat(error.details()).extracting(ToolError::pointer).contains("/name", "/model", "/extra");
        assertThat(error.message()).contains("more");
    }
}
