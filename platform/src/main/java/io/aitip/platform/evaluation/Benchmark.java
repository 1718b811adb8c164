package io.aitip.platform.evaluation;

/**
 * A benchmark the registry knows: what it measures, how it is scored, and whether this server can
 * run it (an LLM benchmark with sample items shipped in the jar runs offline against any
 * OpenAI-compatible endpoint).
 *
 * @param scoring      how an answer is scored: {@code choice} (the option letter), {@code number}
 *                     (the final number), {@code exact} (normalized text), {@code by_item} (custom:
 *                     choice when an item has options, else number or exact), or {@code none}
 * @param runnable     whether evaluation_run can run it here
 * @param notRunnable  why not, and what would make it runnable; null when runnable
 * @param sampleItems  how many sample items ship with the server (0: bring a dataset)
 */
public record Benchmark(
        String name,
        String title,
        String modality,
        String task,
        Metric metric,
        String scoring,
        boolean runnable,
        String notRunnable,
        int sampleItems,
        String reference) {

    /** A metric definition: the name results carry, what it computes, and its range. */
    public record Metric(String name, String definition, double min, double max, boolean higherIsBetter) {
    }
}
