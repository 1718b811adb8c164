package io.aitip.nl.resolve;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import java.util.List;
import java.util.Locale;

/**
 * Turns a description ("customer service", "客服") into one object's id: an exact name wins;
 * otherwise the nearest object by vector, when it is close enough and clearly ahead of the next.
 * When two are about as close, the caller asks which one.
 */
public final class EntityResolver {

    /** Below this cosine nothing is taken to be meant. */
    static final double MIN_SCORE = 0.62;
    /** Within this of the best, a second object makes the phrase ambiguous. */
    static final double AMBIGUITY_MARGIN = 0.025;

    private final EntityIndex index;
    private final Embedder embedder;

    public EntityResolver(EntityIndex index, Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    public sealed interface Outcome permits Resolved, Ambiguous, Unknown {
    }

    public record Resolved(Match match) implements Outcome {
    }

    public record Ambiguous(List<Match> candidates) implements Outcome {
    }

    public record Unknown() implements Outcome {
    }

    public Outcome resolve(String orgId, String projectId, String kind, Language language, String phrase) {
        List<Match> nearest = index.nearest(orgId, projectId, kind, language, embedder.embed(language, phrase), 3);
        String wanted = normalize(phrase);
        for (Match match : nearest) {
            if (normalize(match.name()).equals(wanted)) {
                return new Resolved(match);
            }
        }
        if (nearest.isEmpty() || nearest.get(0).score() < MIN_SCORE) {
            return new Unknown();
        }
        List<Match> close = nearest.stream()
                .filter(m -> m.score() >= MIN_SCORE && nearest.get(0).score() - m.score() <= AMBIGUITY_MARGIN).toList();
        return close.size() > 1 ? new Ambiguous(close) : new Resolved(nearest.get(0));
    }

    public String indexName() {
        return index.name();
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_./-]+", "");
    }
}
