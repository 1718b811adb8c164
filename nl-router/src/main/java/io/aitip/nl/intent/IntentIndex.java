package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Intent scoring: each intent's similarity is the mean of its nearest examples, where an example's
 * similarity blends the embedding cosine with the lexical overlap ({@code alpha} weighs the
 * embedding); with a {@code headWeight} above 0 the learned head's probability is blended in
 * ({@link IntentHead}). A tenant's learned example that is nearer than every shipped one gives its
 * tool its own similarity (not averaged with farther examples) and the head's full vote, so what a
 * tenant confirmed wins over what the neighbours and the head learned from the store.
 * Examples of the other language are never compared (the two models do not share a space).
 */
public final class IntentIndex {

    private final List<Example> examples;
    private final Lexical lexical;
    private final Spelling spelling;
    private final Map<Language, IntentHead> heads;
    /** Each shipped example's lexical norm, by position in {@code examples}: taken once, not per request. */
    private final double[] norms;

    IntentIndex(List<Example> examples, Lexical lexical, Spelling spelling) {
        this(examples, lexical, spelling, HeadTraining.DEFAULT);
    }

    IntentIndex(List<Example> examples, Lexical lexical, Spelling spelling, HeadTraining training) {
        this.examples = List.copyOf(examples);
        this.lexical = lexical;
        this.spelling = spelling;
        this.norms = this.examples.stream().mapToDouble(e -> lexical.norm(e.terms())).toArray();
        this.heads = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            IntentHead head = IntentHead.train(this.examples, language, lexical, training);
            if (head != null) {
                heads.put(language, head);
            }
        }
    }

    /** What the index compares of a sentence: its values masked, its English typos mended against the examples' words. */
    public String reading(String text) {
        return spelling.correct(Masker.mask(text));
    }

    public int size() {
        return examples.size();
    }

    public List<Example> examples() {
        return examples;
    }

    /** Intents best first, each once, each scored as its nearest example; {@code extra} are the tenant's learned examples. */
    public List<Scored> rank(Language language, float[] query, Set<String> terms, List<Example> extra,
                             Predicate<String> allowed, double alpha) {
        return rank(language, query, terms, extra, allowed, alpha, 1, 0);
    }

    /** Intents best first, each scored as the mean of its {@code neighbours} nearest examples (fewer when it has fewer). */
    public List<Scored> rank(Language language, float[] query, Set<String> terms, List<Example> extra,
                             Predicate<String> allowed, double alpha, int neighbours) {
        return rank(language, query, terms, extra, allowed, alpha, neighbours, 0);
    }

    /**
     * Intents best first: {@code (similarity + headWeight · probability) / (1 + headWeight)}, where similarity
     * is the mean of the intent's {@code neighbours} nearest examples and probability the learned head's.
     */
    public List<Scored> rank(Language language, float[] query, Set<String> terms, List<Example> extra,
                             Predicate<String> allowed, double alpha, int neighbours, double headWeight) {
        Map<String, Nearest> best = new HashMap<>();
        double queryNorm = lexical.norm(terms);
        double shipped = score(examples, norms, language, query, terms, queryNorm, allowed, alpha, neighbours, best);
        double learned = score(extra, null, language, query, terms, queryNorm, allowed, alpha, neighbours, best);
        IntentHead head = headWeight > 0 ? heads.get(language) : null;
        Map<String, Double> probabilities = head == null ? Map.of() : head.probabilities(query, terms, lexical);
        List<Scored> ranked = new ArrayList<>(best.size());
        for (Map.Entry<String, Nearest> entry : best.entrySet()) {
            Scored nearest = entry.getValue().scored();
            // the tenant's confirmed phrasing is the nearest of all: it decides, as the nearest example alone
            boolean taught = learned > shipped && entry.getValue().learnedBest >= learned;
            double similarity = taught ? Math.max(nearest.similarity(), learned) : nearest.similarity();
            double p = taught ? 1 : probabilities.getOrDefault(entry.getKey(), 0.0);
            double score = head == null ? similarity : (similarity + headWeight * p) / (1 + headWeight);
            ranked.add(new Scored(nearest.tool(), score, nearest.nearest(), similarity, head == null ? 0 : p));
        }
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        return ranked;
    }

    /**
     * Offers every example of the pool to its intent; returns the best single similarity in the pool.
     * {@code poolNorms}: the pool's lexical norms by position, or null to take them here (the few learned ones).
     */
    private double score(List<Example> pool, double[] poolNorms, Language language, float[] query, Set<String> terms,
                         double queryNorm, Predicate<String> allowed, double alpha, int neighbours, Map<String, Nearest> best) {
        boolean learned = pool != examples;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pool.size(); i++) {
            Example example = pool.get(i);
            if (example.language() != language || (example.tool() != null && !allowed.test(example.tool()))) {
                continue;
            }
            double exampleNorm = poolNorms == null ? lexical.norm(example.terms()) : poolNorms[i];
            double score = alpha * Vectors.dot(query, example.vector())
                    + (1 - alpha) * lexical.similarity(terms, queryNorm, example.terms(), exampleNorm);
            String key = example.tool() == null ? "" : example.tool();
            Nearest nearest = best.computeIfAbsent(key, k -> new Nearest(example.tool(), neighbours));
            nearest.offer(score, example.text());
            if (learned) {
                nearest.learnedBest = Math.max(nearest.learnedBest, score);
            }
            max = Math.max(max, score);
        }
        return max;
    }

    /** One intent's k best example scores so far (k is small: an insertion into a short sorted array). */
    private static final class Nearest {
        private final String tool;
        private final double[] top;
        private int size;
        private String nearest;
        private double learnedBest = Double.NEGATIVE_INFINITY;

        Nearest(String tool, int k) {
            this.tool = tool;
            this.top = new double[Math.max(1, k)];
        }

        void offer(double score, String text) {
            if (size == 0 || score > top[0]) {
                nearest = text;
            }
            if (size < top.length) {
                size++;
            } else if (score <= top[size - 1]) {
                return;
            }
            int i = size - 1;
            while (i > 0 && top[i - 1] < score) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = score;
        }

        Scored scored() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += top[i];
            }
            return new Scored(tool, sum / size, nearest);
        }
    }

    Lexical lexical() {
        return lexical;
    }
}
