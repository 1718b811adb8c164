package io.aitip.server.nl;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.NlRouter;
import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.IntentClassifier.Classification;
import io.aitip.nl.intent.Scored;
import io.aitip.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A debugging aid, not a check: prints how the intent classifier reads each line of a file (its
 * masked reading, the decision, the five best intents with their blended score, nearest-example
 * similarity and nearest example). A line {@code tool<TAB>sentence} (tool {@code -} for out of scope)
 * is also scored: the report starts with how many were right and shows only the wrong ones. Run it
 * with {@code scripts/nl-explain.sh FILE}; point it only at sentences you may look at (never the
 * held-out half of the labelled set).
 */
@EnabledIfSystemProperty(named = "nl.explain", matches = ".+")
class NlExplainTest {

    @Test
    void explain() throws IOException {
        List<String> sentences = Files.readAllLines(Path.of(System.getProperty("nl.explain"))).stream()
                .filter(line -> !line.isBlank()).toList();
        try (TestServer server = TestServer.start(Map.of("aitip.db.url", ""))) {
            IntentClassifier classifier = server.bean(NlRouter.class).classifier();
            StringBuilder report = new StringBuilder();
            int scored = 0;
            int right = 0;
            for (String line : sentences) {
                String[] fields = line.split("\t", 2);
                String sentence = fields[fields.length - 1];
                String expected = fields.length == 2 ? fields[0] : null;
                Language language = Language.detect(sentence);
                Classification reading = classifier.classify(sentence, language, List.of(), tool -> true);
                String decision = reading.outOfScope() ? "-" : reading.ambiguous() ? "ambiguous" : reading.top().tool();
                if (expected != null) {
                    scored++;
                    if (expected.equals(decision)) {
                        right++;
                        continue;
                    }
                }
                report.append(String.format("%s%n  reading: %s%n  decision: %s%s%n", sentence, classifier.index().reading(sentence),
                        decision, expected == null ? "" : "  (expected " + expected + ")"));
                for (Scored s : reading.ranked().stream().limit(5).toList()) {
                    report.append(String.format("    %-26s score %.3f  similarity %.3f  nearest: %s%n",
                            s.tool() == null ? "(out of scope)" : s.tool(), s.score(), s.similarity(), s.nearest()));
                }
            }
            if (scored > 0) {
                report.insert(0, String.format("right %d of %d (%.3f)%n", right, scored, right / (double) scored));
            }
            Files.writeString(Path.of("target", "nl-explain.txt"), report.toString());
            System.out.println(report);
            assertThat(report).isNotEmpty();
        }
    }
}
