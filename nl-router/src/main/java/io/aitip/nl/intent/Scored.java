package io.aitip.nl.intent;

/**
 * One intent's score for a sentence; a null tool is the out-of-scope class.
 *
 * @param score      what intents are ranked by: the nearest examples' similarity blended with the learned head's probability
 * @param nearest    the text of its nearest example
 * @param similarity the nearest examples' similarity alone (what min-score is compared with)
 */
public record Scored(String tool, double score, String nearest, double similarity) {

    public Scored(String tool, double score, String nearest) {
        this(tool, score, nearest, score);
    }
}
