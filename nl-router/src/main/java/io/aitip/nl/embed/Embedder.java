package io.aitip.nl.embed;

/** Turns a sentence into a unit vector in the space of its language's model. */
public interface Embedder {

    float[] embed(Language language, String text);

    /** The dimension of a language's vectors (384 for English, 512 for Chinese with the bundled models). */
    int dimension(Language language);

    /**
     * The whole words a language's model knows (its tokenizer's vocabulary, lowercase letters only): real words
     * that typo mending must leave alone ("file", "could"). Empty when the model gives none.
     */
    default java.util.Set<String> vocabulary(Language language) {
        return java.util.Set.of();
    }
}
