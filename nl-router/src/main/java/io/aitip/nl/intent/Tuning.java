package io.aitip.nl.intent;

/**
 * The intent decision's thresholds for one language (the two models score on different scales):
 *
 * @param alpha      weight of the embedding cosine against word overlap in an example's score
 * @param minScore   below this nearest-example similarity of the best intent a sentence is out of scope
 * @param margin     when the second tool scores within this of the first, ask "A or B?"
 * @param neighbours an intent ranks by the mean of its this many nearest examples
 * @param headWeight weight of the learned head's probability against the similarity (0: nearest examples only)
 * @param scopeNeighbours the best intent stays in scope when the mean of its this many nearest examples reaches {@code minScore}
 * @param cueMinScore the min-score of a sentence that names something of the platform ({@link PlatformCues})
 */
public record Tuning(double alpha, double minScore, double margin, int neighbours, double headWeight, int scopeNeighbours,
                     double cueMinScore) {

    public Tuning(double alpha, double minScore, double margin, int neighbours, double headWeight) {
        this(alpha, minScore, margin, neighbours, headWeight, neighbours, minScore);
    }

    /** The min-score for a sentence that does or does not name something of the platform. */
    public double minScore(boolean namesPlatform) {
        return namesPlatform ? cueMinScore : minScore;
    }

    public Tuning(double alpha, double minScore, double margin, int neighbours) {
        this(alpha, minScore, margin, neighbours, 0);
    }

    public Tuning(double alpha, double minScore, double margin) {
        this(alpha, minScore, margin, 1, 0);
    }
}
