package io.aitip.server.nl;

import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.IntentClassifier.Classification;
import io.aitip.nl.intent.IntentModel;
import io.aitip.nl.intent.PlatformCues;
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

    record Setting(double alpha, int neighbours, double headWeight, int scopeNeighbours, double minScore, double cueMinScore, double margin,
                   double intent, double oosRecall, double oosPrecision, double objective) {

        boolean isDefault(io.aitip.nl.intent.Tuning t) {
            return alpha == t.alpha() && neighbours == t.neighbours() && headWeight == t.headWeight() && scopeNeighbours == t.scopeNeighbours()
                    && minScore == t.minScore() && cueMinScore == t.cueMinScore() && margin == t.margin();
        }
    }

    /** How a sentence is ranked (everything but the decision's thresholds). */
    private record Ranking(double alpha, int neighbours, double headWeight, int scopeNeighbours) {
    }

    private record Probe(String expected, boolean cue, List<List<Scored>> rankings) {
    }

    private ThresholdSweep() {
    }

    static String run(IntentClassifier classifier, List<JsonNode> items, Set<String> registered) {
        StringBuilder out = new StringBuilder("threshold sweep on the TRAIN half (never the held-out half):\n");
        StringBuilder grid = new StringBuilder("lang\talpha\tneighbours\thead\tscope\tmin\tcue\tmargin\tintent\toosRecall\toosPrecision\n");
        for (Language language : Language.values()) {
            List<Ranking> rankingSettings = new ArrayList<>();
            for (double headWeight : HEAD_WEIGHTS) {
                for (int k : NEIGHBOURS) {
                    for (double alpha : ALPHAS) {
                        for (int scope : NEIGHBOURS) {
                            rankingSettings.add(new Ranking(alpha, k, headWeight, scope));
                        }
                    }
                }
            }
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
                for (Ranking r : rankingSettings) {
                    rankings.add(classifier.index().rank(first.language(), first.vector(), terms, List.of(), t -> true, r.alpha(),
                            r.neighbours(), r.headWeight(), r.scopeNeighbours()));
                }
                probes.add(new Probe(expected, PlatformCues.named(classifier.index().reading(text), first.language()), rankings));
            }
            List<Setting> settings = new ArrayList<>();
            for (int a = 0; a < rankingSettings.size(); a++) {
                for (double minScore : MIN_SCORES) {
                    for (double cueMinScore : MIN_SCORES) {
                        for (double margin : MARGINS) {
                            if (cueMinScore <= minScore) {
                                settings.add(score(probes, a, rankingSettings.get(a), minScore, cueMinScore, margin));
                            }
                        }
                    }
                }
            }
            for (Setting t : settings) {
                grid.append(String.format("%s\t%.2f\t%d\t%.2f\t%d\t%.2f\t%.2f\t%.3f\t%.4f\t%.4f\t%.4f%n", language.wire(), t.alpha(),
                        t.neighbours(), t.headWeight(), t.scopeNeighbours(), t.minScore(), t.cueMinScore(), t.margin(), t.intent(),
                        t.oosRecall(), t.oosPrecision()));
            }
            settings.sort(Comparator.comparingDouble(Setting::objective).reversed());
            out.append(String.format("  %s (%d train sentences), best first:%n", language.wire(), probes.size()));
            var tuning = classifier.tuning(language);
            List<Setting> shown = new ArrayList<>(settings.subList(0, Math.min(8, settings.size())));
            settings.stream().filter(s -> s.isDefault(tuning)).findFirst().filter(s -> !shown.contains(s)).ifPresent(shown::add);
            for (Setting s : shown) {
                out.append(String.format("    alpha %.2f  neighbours %d  head-weight %.2f  scope-neighbours %d  min-score %.2f  cue-min-score %.2f  margin %.3f  ->  intent %.3f  oos R %.3f P %.3f  (objective %.3f)%n",
                        s.alpha(), s.neighbours(), s.headWeight(), s.scopeNeighbours(), s.minScore(), s.cueMinScore(), s.margin(), s.intent(), s.oosRecall(),
                        s.oosPrecision(), s.objective()));
                if (s.isDefault(tuning)) {
                    out.setLength(out.length() - System.lineSeparator().length());
                    out.append("  (the defaults)").append(System.lineSeparator());
                }
            }
        }
        StoreCrossValidation.writeGrid("nl-train-sweep-grid.tsv", grid);
        return out.toString();
    }

    private static Setting score(List<Probe> probes, int alphaIndex, Ranking r, double minScore, double cueMinScore, double margin) {
        int right = 0, oosExpected = 0, oosPredicted = 0, oosRight = 0;
        for (Probe probe : probes) {
            List<Scored> ranked = probe.rankings().get(alphaIndex);
            IntentClassifier.Decision decision = IntentClassifier.decide(ranked, probe.cue() ? cueMinScore : minScore, margin);
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
        return new Setting(r.alpha(), r.neighbours(), r.headWeight(), r.scopeNeighbours(), minScore, cueMinScore, margin,
                intent, recall, precision, intent + 0.25 * recall);
    }
}
