package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Nearest-example intent scoring: each intent scores as its best example, where an example's
 * similarity blends the embedding cosine with the lexical overlap ({@code alpha} weighs the
 * embedding). Examples of the other language are never compared (the two models do not share a space).
 */
public final class IntentIndex {

    private final List<Example> examples;
    private final Lexical lexical;
    private final Spelling spelling;

    IntentIndex(List<Example> examples, Lexical lexical, Spelling spelling) {
        this.examples = List.copyOf(examples);
        this.lexical = lexical;
        this.spelling = spelling;
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
        return rank(language, query, terms, extra, allowed, alpha, 1);
    }

    /** Intents best first, each scored as the mean of its {@code neighbours} nearest examples (fewer when it has fewer). */
    public List<Scored> rank(Language language, float[] query, Set<String> terms, List<Example> extra,
                             Predicate<String> allowed, double alpha, int neighbours) {
        Map<String, Nearest> best = new HashMap<>();
        score(examples, language, query, terms, allowed, alpha, neighbours, best);
        score(extra, language, query, terms, allowed, alpha, neighbours, best);
        List<Scored> ranked = new ArrayList<>(best.size());
        best.values().forEach(n -> ranked.add(n.scored()));
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        return ranked;
    }

    private void score(List<Example> pool, Language language, float[] query, Set<String> terms, Predicate<String> allowed,
                       double alpha, int neighbours, Map<String, Nearest> best) {
        for (Example example : pool) {
            if (example.language() != language || (example.tool() != null && !allowed.test(example.tool()))) {
                continue;
            }
            double score = alpha * Vectors.dot(query, example.vector()) + (1 - alpha) * lexical.similarity(terms, example.terms());
            String key = example.tool() == null ? "" : example.tool();
            best.computeIfAbsent(key, k -> new Nearest(example.tool(), neighbours)).offer(score, example.text());
        }
    }

    /** One intent's k best example scores so far (k is small: an insertion into a short sorted array). */
    private static final class Nearest {
        private final String tool;
        private final double[] top;
        private int size;
        private String nearest;

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
