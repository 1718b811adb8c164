package io.aitip.nl.intent;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks the tool a sentence means: masks it, embeds it with its language's model, ranks intents
 * over the shipped, catalog and tenant examples (nearest examples blended with the learned head).
 * Out of scope when the best is the out-of-scope class or its nearest examples' similarity is below
 * the language's {@code minScore}; ambiguous when the runner-up is within its {@code margin}
 * ({@link Tuning}, per language: the two models score on different scales).
 */
public final class IntentClassifier {

    private final Embedder embedder;
    private final IntentIndex index;
    private final Map<Language, Tuning> tuning;

    public IntentClassifier(Embedder embedder, IntentIndex index, Map<Language, Tuning> tuning) {
        this.embedder = embedder;
        this.index = index;
        this.tuning = Map.copyOf(tuning);
    }

    public record Classification(Language language, float[] vector, List<Scored> ranked, boolean outOfScope, boolean ambiguous) {

        public Scored top() {
            return ranked.isEmpty() ? new Scored(null, 0, null) : ranked.get(0);
        }

        public Scored second() {
            return ranked.size() < 2 ? null : ranked.get(1);
        }
    }

    public Classification classify(String text, Language language, List<Example> learned, Predicate<String> allowed) {
        String masked = index.reading(text);
        float[] vector = embedder.embed(language, masked);
        Set<String> terms = IntentModel.termsOfMasked(masked);
        Tuning t = tuning(language);
        List<Scored> ranked = index.rank(language, vector, terms, learned, allowed, t.alpha(), t.neighbours(), t.headWeight());
        Decision decision = decide(ranked, t.minScore(), t.margin(), t.sureMinScore());
        boolean outOfScope = decision.outOfScope();
        boolean ambiguous = decision.ambiguous();
        return new Classification(language, vector, ranked, outOfScope, ambiguous);
    }

    /** Out of scope and "A or B?" from a ranking; shared with the threshold sweep of the evaluation harness. */
    public record Decision(boolean outOfScope, boolean ambiguous) {
    }

    public static Decision decide(List<Scored> ranked, double minScore, double margin) {
        return decide(ranked, minScore, margin, minScore);
    }

    /**
     * The same, where a best intent the learned head is sure of (probability above one half) stays in scope down to
     * {@code sureMinScore}: a long or compound request ("tell me about mdl-…: checksum, metrics, where it came from")
     * lies farther from every single example than a short one, while the head still reads it plainly.
     */
    public static Decision decide(List<Scored> ranked, double minScore, double margin, double sureMinScore) {
        Scored top = ranked.isEmpty() ? new Scored(null, 0, null) : ranked.get(0);
        double floor = top.probability() > 0.5 ? Math.min(minScore, sureMinScore) : minScore;
        boolean outOfScope = top.tool() == null || top.similarity() < floor;
        Scored second = ranked.stream().skip(1).filter(s -> s.tool() != null).findFirst().orElse(null);
        boolean ambiguous = !outOfScope && second != null && top.score() - second.score() < margin;
        return new Decision(outOfScope, ambiguous);
    }

    public Tuning tuning(Language language) {
        return tuning.get(language);
    }

    public IntentIndex index() {
        return index;
    }
}
