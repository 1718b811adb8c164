package io.aitip.nl.intent;

/**
 * The intent decision's thresholds for one language (the two models score on different scales):
 *
 * @param alpha     weight of the embedding cosine against word overlap in an example's score
 * @param minScore  below this best score a sentence is out of scope
 * @param margin    when the second tool scores within this of the first, ask "A or B?"
 */
public record Tuning(double alpha, double minScore, double margin) {
}
