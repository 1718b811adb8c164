package io.aitip.tools.pipeline;

import static io.aitip.tools.samples.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void hashIsStableAcrossKeyOrder() {
        String a = CanonicalJson.hash(json("{\"b\":1,\"a\":{\"y\":[{\"q\":1,\"p\":2}],\"x\":\"s\"}}"));
        String b = CanonicalJson.hash(json("{\"a\":{\"x\":\"s\",\"y\":[{\"p\":2,\"q\":1}]},\"b\":1}"));
        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void hashDiffersForDifferentValuesAndArrayOrder() {
        assertThat(CanonicalJson.hash(json("{\"a\":1}"))).isNotEqualTo(CanonicalJson.hash(json("{\"a\":2}")));
        assertThat(CanonicalJson.hash(json("[1,2]"))).isNotEqualTo(CanonicalJson.hash(json("[2,1]")));
    }

    @Test
    void sortedSortsEveryLevelWithoutTouchingTheInput() {
        var input = json("{\"b\":{\"d\":1,\"c\":2},\"a\":0}");
        assertThat(CanonicalJson.sorted(input).toString()).isEqualTo("{\"a\":0,\"b\":{\"c\":2,\"d\":1}}");
        assertThat(input.toString()).isEqualTo("{\"b\":{\"d\":1,\"c\":2},\"a\":0}");
    }
}
