package io.aitip.tools.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StrictModeCheckerTest {

    private static JsonNode tool(String parameters) {
        return tool("good_name", parameters);
    }

    private static JsonNode tool(String name, String parameters) {
        return Json.MAPPER.readTree("""
                {"type":"function","function":{"name":"%s","description":"d","strict":true,"parameters":%s}}"""
                .formatted(name, parameters));
    }

    @Test
    void acceptsAGoodDefinition() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":false,"required":["a","b"],"properties":{
                  "a":{"type":"string","pattern":"^x$"},
                  "b":{"type":["string","null"],"enum":["x","y",null]}}}"""))).isEmpty();
    }

    @Test
    void objectMustBeClosed() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","required":[],"properties":{}}""")))
                .containsExactly("/function/parameters/additionalProperties: must be false");
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":true,"required":[],"properties":{}}"""))).hasSize(1);
    }

    @Test
    void everyPropertyMustBeRequired() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":false,"required":["a"],"properties":{
                  "a":{"type":"string"},"b":{"type":"string"}}}""")))
                .singleElement().asString().contains("'b' must be required");
    }

    @Test
    void nestedObjectsAreChecked() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":false,"required":["r"],"properties":{
                  "r":{"type":"array","items":{"type":"object","properties":{"x":{"type":"integer"}}}}}}""")))
                .anyMatch(v -> v.startsWith("/function/parameters/properties/r/items/additionalProperties"))
                .anyMatch(v -> v.contains("'x' must be required"));
    }

    @Test
    void unsupportedKeywordsAndFormats() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":false,"required":["a","b","c"],"properties":{
                  "a":{"type":"string","minLength":1},
                  "b":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]},
                  "c":{"type":"string","format":"binary"}}}""")))
                .containsExactlyInAnyOrder(
                        "/function/parameters/properties/a/minLength: keyword not supported in strict mode",
                        "/function/parameters/properties/b/uniqueItems: keyword not supported in strict mode",
                        "/function/parameters/properties/b/default: keyword not supported in strict mode",
                        "/function/parameters/properties/c/format: 'binary' not supported in strict mode");
    }

    @Test
    void nullableEnumMustListNull() {
        assertThat(StrictModeChecker.check(tool("""
                {"type":"object","additionalProperties":false,"required":["a"],"properties":{
                  "a":{"type":["string","null"],"enum":["x"]}}}""")))
                .singleElement().asString().contains("nullable enum");
    }

    @Test
    void badNamesAndFlags() {
        assertThat(StrictModeChecker.check(tool("training.submit", "{\"type\":\"object\",\"additionalProperties\":false,"
                + "\"properties\":{},\"required\":[]}"))).singleElement().asString().contains("/function/name");
        ObjectNode notStrict = (ObjectNode) tool("{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{},\"required\":[]}");
        ((ObjectNode) notStrict.get("function")).put("strict", false);
        notStrict.put("type", "tool");
        assertThat(StrictModeChecker.check(notStrict)).containsExactlyInAnyOrder("/type: must be \"function\"",
                "/function/strict: must be true");
        assertThat(StrictModeChecker.check(tool("{\"type\":\"string\"}"))).singleElement().asString().contains("root");
    }

    @Test
    void depthLimit() {
        String leaf = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[],\"properties\":{}}";
        String schema = leaf;
        for (int i = 0; i < 5; i++) {
            schema = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"n\"],\"properties\":{\"n\":" + schema + "}}";
        }
        // six objects deep: the innermost one breaks the limit
        assertThat(StrictModeChecker.check(tool(schema))).singleElement().asString().contains("nested 6 deep");
    }

    @Test
    void propertyCountLimit() {
        StringBuilder props = new StringBuilder();
        StringBuilder required = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            props.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"type\":\"string\"}");
            required.append(i == 0 ? "" : ",").append("\"p").append(i).append("\"");
        }
        assertThat(StrictModeChecker.check(tool("{\"type\":\"object\",\"additionalProperties\":false,\"required\":["
                + required + "],\"properties\":{" + props + "}}")))
                .singleElement().asString().contains("101 properties");
    }
}
