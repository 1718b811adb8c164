package io.aitip.nl;

import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.Tuning;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the natural-language door (prefix {@code aitip.nl}); the thresholds' defaults are the
 * values swept on the TRAIN half of the labelled set ({@code scripts/nl-eval.sh --sweep}).
 *
 * @param cacheDir         where the bundled ONNX models are extracted once (default {@code <AITIP_HOME>/cache/nl-models})
 * @param en               English thresholds ({@code aitip.nl.en.alpha}, {@code .min-score}, {@code .ambiguity-margin}, {@code .neighbours}, {@code .head-weight}, {@code .sure-min-score})
 * @param zh               Chinese thresholds, same keys under {@code aitip.nl.zh}
 * @param maxMessageChars  longer messages are refused
 * @param vectors          entity index: {@code auto} (pgvector when the store has it), {@code pgvector} or {@code memory}
 * @param preload          load the models and the index at start instead of on the first request
 * @param threads          ONNX Runtime intra-op threads per model (one sentence per request: 1 by default)
 * @param embeddingCache   how many recent sentence vectors to remember (0: none)
 */
@ConfigurationProperties(prefix = "aitip.nl")
public record NlSettings(String cacheDir, Thresholds en, Thresholds zh, Integer maxMessageChars, String vectors, Boolean preload,
                         Integer threads, Integer embeddingCache) {

    /** One language's thresholds as configured; unset ones take the swept defaults. */
    public record Thresholds(Double alpha, Double minScore, Double ambiguityMargin, Integer neighbours, Double headWeight,
                             Double sureMinScore) {

        Tuning or(Tuning defaults) {
            return new Tuning(alpha == null ? defaults.alpha() : alpha, minScore == null ? defaults.minScore() : minScore,
                    ambiguityMargin == null ? defaults.margin() : ambiguityMargin,
                    neighbours == null ? defaults.neighbours() : Math.max(1, neighbours),
                    headWeight == null ? defaults.headWeight() : Math.max(0, headWeight),
                    sureMinScore == null ? defaults.sureMinScore() : sureMinScore);
        }
    }

    static final Tuning EN_DEFAULTS = new Tuning(0.8, 0.65, 0.002, 3, 0.5, 0.60);
    static final Tuning ZH_DEFAULTS = new Tuning(0.8, 0.55, 0.002, 1, 0.5);

    public NlSettings {
        maxMessageChars = maxMessageChars == null ? 2000 : maxMessageChars;
        vectors = vectors == null || vectors.isBlank() ? "auto" : vectors;
        preload = preload != null && preload;
        threads = threads == null ? 1 : threads;
        embeddingCache = embeddingCache == null ? 4096 : embeddingCache;
    }

    /** The thresholds per language, configured ones over the defaults. */
    public Map<Language, Tuning> tuning() {
        return Map.of(Language.EN, (en == null ? new Thresholds(null, null, null, null, null, null) : en).or(EN_DEFAULTS),
                Language.ZH, (zh == null ? new Thresholds(null, null, null, null, null, null) : zh).or(ZH_DEFAULTS));
    }
}
