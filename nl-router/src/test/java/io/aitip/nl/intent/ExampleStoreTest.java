package io.aitip.nl.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped example store teaches the router; the labelled set measures it, so the two never share a sentence. */
class ExampleStoreTest {

    private static final Path SET = Path.of("eval", "labelled-set.jsonl");

    @Test
    void noLabelledSentenceIsAShippedExample() throws IOException {
        Set<String> labelled = new HashSet<>();
        for (String line : Files.readAllLines(SET)) {
            if (!line.isBlank()) {
                labelled.add(normalised(Json.MAPPER.readTree(line).path("text").asString()));
            }
        }
        assertThat(labelled).hasSizeGreaterThan(400);
        List<String> shared = ExampleStore.shipped().stream().map(s -> normalised(s.text())).filter(labelled::contains).toList();
        assertThat(shared).as("labelled-set sentences copied into %s", ExampleStore.RESOURCE).isEmpty();
    }

    @Test
    void everyShippedLineHasTextAndALanguage() {
        List<LabelledSentence> shipped = ExampleStore.shipped();
        assertThat(shipped).hasSizeGreaterThan(1000);
        assertThat(shipped).allSatisfy(s -> assertThat(s.text()).isNotBlank());
    }

    static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
