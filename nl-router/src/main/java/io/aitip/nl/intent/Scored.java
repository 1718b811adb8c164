package io.aitip.nl.intent;

/**
 * One intent's score for a sentence; a null tool is the out-of-scope class.
 *
 * @param score      what intents are ranked by: the nearest examples' similarity blended with the learned head's probability
 * @param nearest    the text of its nearest example
 * @param similarity the nearest examples' similarity alone (what min-score is compared with)
 * @param probability the learned head's probability for it (0 when no head takes part)
 */
public record Scored(String tool, double score, String nearest, double similarity, double probability) {

    public Scored(String tool, double score, String nearest, double similarity) {
        this(tool, score, nearest, similarity, 0);
    }

    public Scored(String tool, double score, String nearest) {
        this(tool, score, nearest, score, 0);
    }
}
