package io.aitip.nl.resolve;

/** An object and how close its text is to the phrase (cosine, 0..1). */
public record Match(String id, String name, double score) {
}
