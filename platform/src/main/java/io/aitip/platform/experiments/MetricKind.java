package io.aitip.platform.experiments;

import java.util.List;
import java.util.Locale;

/**
 * Which way a metric improves. Loss-like names (loss, error, perplexity, mse, …) are better when
 * lower, everything else when higher: the same rule as {@code JobMetricStore}'s {@code best}, so
 * training_metrics and experiment_compare agree.
 */
public final class MetricKind {

    private static final List<String> LOWER_IS_BETTER = List.of("loss", "error", "err", "perplexity", "ppl", "mse",
            "mae", "rmse", "wer", "cer");

    private MetricKind() {
    }

    public static boolean lowerIsBetter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String word : LOWER_IS_BETTER) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code min} or {@code max}: how {@code best} was chosen, as the tools report it. */
    public static String goal(String name) {
        return lowerIsBetter(name) ? "min" : "max";
    }
}
