package io.aitip.server.nl;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.NlRouter;
import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.HeadTraining;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.IntentIndex;
import io.aitip.nl.intent.IntentModel;
import io.aitip.nl.intent.Scored;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * Compares ways of training the learned head (decision 0020) without the held-out half: store
 * cross-validation and intent accuracy on the TRAIN half only, in process, at the router's tuning.
 * Run with {@code -Dnl.heads=true}; {@code -Dnl.heads.list="epochs,l2,copies,dropTerm,noise;…"} names
 * the ways (default: the current one). Writes {@code target/nl-heads-report.txt}.
 */
@EnabledIfSystemProperty(named = "nl.heads", matches = "true")
class NlHeadSweepTest {

    private static final Path SET = Path.of("..", "nl-router", "eval", "labelled-set.jsonl");

    @Test
    void compareHeads() throws IOException {
        List<HeadTraining> trainings = new ArrayList<>();
        for (String spec : System.getProperty("nl.heads.list", "").split(";")) {
            if (!spec.isBlank()) {
                String[] f = spec.trim().split(",");
                trainings.add(new HeadTraining(Integer.parseInt(f[0]), Float.parseFloat(f[1]), Integer.parseInt(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        }
        if (trainings.isEmpty()) {
            trainings.add(HeadTraining.DEFAULT);
        }
        try (TestServer server = TestServer.start(Map.of("aitip.db.url", ""))) {
            long started = System.nanoTime();
            IntentClassifier classifier = server.bean(NlRouter.class).classifier();
            StringBuilder report = new StringBuilder(String.format("router's first classifier (models, embedding the store, heads): %d ms%n",
                    (System.nanoTime() - started) / 1_000_000));
            for (HeadTraining training : trainings) {
                long at = System.nanoTime();
                IntentModel.ofExamples(classifier.index().examples(), training);
                report.append(String.format("index over %d embedded examples, both heads, %s: %d ms%n", classifier.index().size(), training,
                        (System.nanoTime() - at) / 1_000_000));
            }
            Set<String> registered = new TreeSet<>();
            server.bean(ToolCatalog.class).all().forEach(t -> registered.add(t.name()));
            report.append(trainHalf(classifier, trainings, registered));
            report.append(StoreCrossValidation.compare(classifier, trainings));
            Files.writeString(Path.of("target", "nl-store-cv-misses.txt"), StoreCrossValidation.missesAtDefaults(classifier));
            System.out.println(report);
            Files.writeString(Path.of("target", "nl-heads-report.txt"), report.toString());
            assertThat(report).isNotEmpty();
        }
    }

    private record Probe(String expected, Language language, float[] vector, Set<String> terms) {
    }

    private static String trainHalf(IntentClassifier classifier, List<HeadTraining> trainings, Set<String> registered) throws IOException {
        List<Probe> probes = new ArrayList<>();
        for (String line : Files.readAllLines(SET)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode item = Json.MAPPER.readTree(line);
            if (!item.path("split").asString().equals("train")) {
                continue;   // never the held-out half
            }
            String expected = item.path("tool").isNull() ? null : item.path("tool").asString();
            if (expected != null && !registered.contains(expected)) {
                continue;
            }
            String text = item.path("text").asString();
            var first = classifier.classify(text, Language.detect(text), List.of(), t -> true);
            probes.add(new Probe(expected, first.language(), first.vector(), IntentModel.termsOfMasked(classifier.index().reading(text))));
        }
        StringBuilder out = new StringBuilder("intent accuracy on the TRAIN half, in process, at the router's tuning:\n");
        for (HeadTraining training : trainings) {
            IntentIndex index = IntentModel.ofExamples(classifier.index().examples(), training);
            for (Language language : Language.values()) {
                var t = classifier.tuning(language);
                int right = 0;
                int total = 0;
                for (Probe probe : probes) {
                    if (probe.language() != language) {
                        continue;
                    }
                    List<Scored> ranked = index.rank(language, probe.vector(), probe.terms(), List.of(), x -> true, t.alpha(),
                            t.neighbours(), t.headWeight());
                    IntentClassifier.Decision d = IntentClassifier.decide(ranked, t.minScore(), t.margin(), t.sureMinScore());
                    boolean ok = probe.expected() == null ? d.outOfScope()
                            : !d.outOfScope() && !d.ambiguous() && probe.expected().equals(ranked.get(0).tool());
                    right += ok ? 1 : 0;
                    total++;
                }
                out.append(String.format("  %s %s: %d/%d = %.3f%n", language.wire(), training, right, total, right / (double) total));
            }
        }
        return out.toString();
    }
}
