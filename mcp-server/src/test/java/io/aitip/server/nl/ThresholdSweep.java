package io.aitip.server.nl;

import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.IntentClassifier.Classification;
import io.aitip.nl.intent.IntentModel;
import io.aitip.nl.intent.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Sweeps the router's thresholds (alpha, neighbours, head weight, min-score, ambiguity margin) per language on the TRAIN half
 * of the labelled set only, in process: each sentence is embedded once, then ranked under every alpha
 * and decided under every (min-score, margin) with the router's own rule ({@link IntentClassifier#decide}).
 * The score of a setting is intent accuracy (a sentence that should be out of scope counts right when
 * the router says so; "A or B?" counts wrong) with out-of-scope recall weighed in, because a missed
 * out-of-scope request costs more than a question.
 */
final class ThresholdSweep {

    static final double[] ALPHAS = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    static final int[] NEIGHBOURS = {1, 2, 3};
    static final double[] HEAD_WEIGHTS = {0, 0.25, 0.5, 1.0};
    static final double[] MIN_SCORES = {0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75};
    static final double[] MARGINS = {0.0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03};

    record Setting(double alpha, int neighbours, double headWeight, double minScore, double margin, double intent, double oosRecall, double oosPrecision, double objective) {
    }

    private record Probe(String expected, List<List<Scored>> rankings) {
    }

    private ThresholdSweep() {
    }

    static String run(IntentClassifier classifier, List<JsonNode> items, Set<String> registered) {
        StringBuilder out = new StringBuilder("threshold sweep on the TRAIN half (never the held-out half):\n");
        for (Language language : Language.values()) {
            List<Probe> probes = new ArrayList<>();
            for (JsonNode item : items) {
                if (!item.path("split").asString().equals("train") || !item.path("lang").asString().equals(language.wire())) {
                    continue;
                }
                String expected = item.path("tool").isNull() ? null : item.path("tool").asString();
                if (expected != null && !registered.contains(expected)) {
                    continue;
                }
                String text = item.path("text").asString();
                Classification first = classifier.classify(text, Language.detect(text), List.of(), t -> true);
                Set<String> terms = IntentModel.termsOfMasked(classifier.index().reading(text));
                List<List<Scored>> rankings = new ArrayList<>();
                for (double headWeight : HEAD_WEIGHTS) {
                    for (int k : NEIGHBOURS) {
                        for (double alpha : ALPHAS) {
                            rankings.add(classifier.index().rank(first.language(), first.vector(), terms, List.of(), t -> true, alpha, k,
                                    headWeight));
                        }
                    }
                }
                probes.add(new Probe(expected, rankings));
            }
            // the language's head-sure floor (decision 0024) stays as configured while min-score is swept
            double sureMinScore = classifier.tuning(language).sureMinScore();
            List<Setting> settings = new ArrayList<>();
            for (int a = 0; a < ALPHAS.length * NEIGHBOURS.length * HEAD_WEIGHTS.length; a++) {
                for (double minScore : MIN_SCORES) {
                    for (double margin : MARGINS) {
                        settings.add(score(probes, a, minScore, margin, sureMinScore));
                    }
                }
            }
            settings.sort(Comparator.comparingDouble(Setting::objective).reversed());
            out.append(String.format("  %s (%d train sentences), best first:%n", language.wire(), probes.size()));
            var tuning = classifier.tuning(language);
            List<Setting> shown = new ArrayList<>(settings.subList(0, Math.min(8, settings.size())));
            settings.stream().filter(s -> s.alpha() == tuning.alpha() && s.neighbours() == tuning.neighbours()
                    && s.headWeight() == tuning.headWeight() && s.minScore() == tuning.minScore() && s.margin() == tuning.margin())
                    .findFirst().filter(s -> !shown.contains(s)).ifPresent(shown::add);
            for (Setting s : shown) {
                out.append(String.format("    alpha %.2f  neighbours %d  head-weight %.2f  min-score %.2f  margin %.3f  ->  intent %.3f  oos R %.3f P %.3f  (objective %.3f)%n",
                        s.alpha(), s.neighbours(), s.headWeight(), s.minScore(), s.margin(), s.intent(), s.oosRecall(), s.oosPrecision(),
                        s.objective()));
                if (s.alpha() == tuning.alpha() && s.neighbours() == tuning.neighbours() && s.headWeight() == tuning.headWeight()
                        && s.minScore() == tuning.minScore() && s.margin() == tuning.margin()) {
                    out.setLength(out.length() - System.lineSeparator().length());
                    out.append("  (the defaults)").append(System.lineSeparator());
                }
            }
        }
        return out.toString();
    }

    private static Setting score(List<Probe> probes, int alphaIndex, double minScore, double margin, double sureMinScore) {
        int right = 0, oosExpected = 0, oosPredicted = 0, oosRight = 0;
        for (Probe probe : probes) {
            List<Scored> ranked = probe.rankings().get(alphaIndex);
            IntentClassifier.Decision decision = IntentClassifier.decide(ranked, minScore, margin, sureMinScore);
            boolean expectedOos = probe.expected() == null;
            oosExpected += expectedOos ? 1 : 0;
            oosPredicted += decision.outOfScope() ? 1 : 0;
            if (decision.outOfScope()) {
                if (expectedOos) {
                    oosRight++;
                    right++;
                }
            } else if (!decision.ambiguous() && !expectedOos && probe.expected().equals(ranked.get(0).tool())) {
                right++;
            }
        }
        double intent = probes.isEmpty() ? 1 : right / (double) probes.size();
        double recall = oosExpected == 0 ? 1 : oosRight / (double) oosExpected;
        double precision = oosPredicted == 0 ? 1 : oosRight / (double) oosPredicted;
        return new Setting(ALPHAS[alphaIndex % ALPHAS.length], NEIGHBOURS[alphaIndex / ALPHAS.length % NEIGHBOURS.length],
                HEAD_WEIGHTS[alphaIndex / (ALPHAS.length * NEIGHBOURS.length)], minScore, margin,
                intent, recall, precision, intent + 0.25 * recall);
    }
}
