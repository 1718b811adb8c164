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

    /** Intents best first, each once; {@code extra} are the tenant's learned examples. */
    public List<Scored> rank(Language language, float[] query, Set<String> terms, List<Example> extra,
                             Predicate<String> allowed, double alpha) {
        Map<String, Scored> best = new HashMap<>();
        score(examples, language, query, terms, allowed, alpha, best);
        score(extra, language, query, terms, allowed, alpha, best);
        List<Scored> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        return ranked;
    }

    private void score(List<Example> pool, Language language, float[] query, Set<String> terms, Predicate<String> allowed,
                       double alpha, Map<String, Scored> best) {
        for (Example example : pool) {
            if (example.language() != language || (example.tool() != null && !allowed.test(example.tool()))) {
                continue;
            }
            double score = alpha * Vectors.dot(query, example.vector()) + (1 - alpha) * lexical.similarity(terms, example.terms());
            String key = example.tool() == null ? "" : example.tool();
            Scored current = best.get(key);
            if (current == null || score > current.score()) {
                best.put(key, new Scored(example.tool(), score, example.text()));
            }
        }
    }

    Lexical lexical() {
        return lexical;
    }
}
