package io.aitip.tools.pipeline;

import static io.aitip.tools.samples.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RedactorTest {

    @Test
    void masksSecretKeysAndValuesAtAnyDepth() {
        JsonNode input = json("""
                {"name":"job","password":"p","API_KEY":"k","config":{"hf_token":"t","lr":0.1},
                 "headers":[{"Authorization":"x"},{"value":"whsec_abc"}],"note":"sk-live","url":"Bearer zzz",
                 "client_secret":{"nested":"object"}}""");
        JsonNode out = Redactor.redact(input);
        assertThat(out.get("name").asString()).isEqualTo("job");
        assertThat(out.get("password").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.get("API_KEY").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.at("/config/hf_token").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.at("/config/lr").asDouble()).isEqualTo(0.1);
        assertThat(out.at("/headers/0/Authorization").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.at("/headers/1/value").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.get("note").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.get("url").asString()).isEqualTo(Redactor.MASK);
        assertThat(out.get("client_secret").asString()).isEqualTo(Redactor.MASK);
    }

    @Test
    void leavesTheInputAloneAndHandlesNull() {
        JsonNode input = json("{\"password\":\"p\"}");
        Redactor.redact(input);
        assertThat(input.get("password").asString()).isEqualTo("p");
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact(json("\"aitip_abc\"")).asString()).isEqualTo("aitip_abc");
    }

    @Test
    void masksSecretsInsideJsonCarriedAsAString() {
        JsonNode input = json("{\"tool\":\"x\",\"params_json\":\"{\\\"api_key\\\":\\\"k\\\",\\\"n\\\":1}\",\"text\":\"{not json\"}");
        JsonNode out = Redactor.redact(input);
        assertThat(out.get("params_json").asString()).contains(Redactor.MASK).doesNotContain("\"k\"").contains("\"n\":1");
        assertThat(out.get("text").asString()).isEqualTo("{not json");
    }
}
