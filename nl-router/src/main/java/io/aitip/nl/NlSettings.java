package io.aitip.nl;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the natural-language door (prefix {@code aitip.nl}); the defaults are the values
 * tuned on the train half of the labelled set ({@code scripts/nl-eval.sh}).
 *
 * @param cacheDir         where the bundled ONNX models are extracted once (default {@code <AITIP_HOME>/cache/nl-models})
 * @param alpha            weight of the embedding cosine against word overlap in an example's score
 * @param minScore         below this best score a sentence is out of scope
 * @param ambiguityMargin  when the second tool scores within this of the first, ask "A or B?"
 * @param maxMessageChars  longer messages are refused
 * @param vectors          entity index: {@code auto} (pgvector when the store has it), {@code pgvector} or {@code memory}
 * @param preload          load the models and the index at start instead of on the first request
 */
@ConfigurationProperties(prefix = "aitip.nl")
public record NlSettings(String cacheDir, Double alpha, Double minScore, Double ambiguityMargin, Integer maxMessageChars,
                         String vectors, Boolean preload) {

    public NlSettings {
        alpha = alpha == null ? 0.7 : alpha;
        minScore = minScore == null ? 0.55 : minScore;
        ambiguityMargin = ambiguityMargin == null ? 0.01 : ambiguityMargin;
        maxMessageChars = maxMessageChars == null ? 2000 : maxMessageChars;
        vectors = vectors == null || vectors.isBlank() ? "auto" : vectors;
        preload = preload != null && preload;
    }
}
