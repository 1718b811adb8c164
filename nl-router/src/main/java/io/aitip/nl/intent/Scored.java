package io.aitip.nl.intent;

/** One intent's score for a sentence; a null tool is the out-of-scope class. */
public record Scored(String tool, double score, String nearest) {
}
