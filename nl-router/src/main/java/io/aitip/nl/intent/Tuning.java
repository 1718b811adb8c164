package io.aitip.nl.intent;

/**
 * The intent decision's thresholds for one language (the two models score on different scales):
 *
 * @param alpha      weight of the embedding cosine against word overlap in an example's score
 * @param minScore   below this nearest-example similarity of the best intent a sentence is out of scope
 * @param margin     when the second tool scores within this of the first, ask "A or B?"
 * @param neighbours an intent's similarity is the mean of its this many nearest examples
 * @param headWeight weight of the learned head's probability against the similarity (0: nearest examples only)
 * @param sureMinScore the min-score when the learned head gives the best intent more than half its vote (at most {@code minScore})
 */
public record Tuning(double alpha, double minScore, double margin, int neighbours, double headWeight, double sureMinScore) {

    public Tuning(double alpha, double minScore, double margin, int neighbours, double headWeight) {
        this(alpha, minScore, margin, neighbours, headWeight, minScore);
    }

    public Tuning(double alpha, double minScore, double margin, int neighbours) {
        this(alpha, minScore, margin, neighbours, 0);
    }

    public Tuning(double alpha, double minScore, double margin) {
        this(alpha, minScore, margin, 1, 0);
    }
}
