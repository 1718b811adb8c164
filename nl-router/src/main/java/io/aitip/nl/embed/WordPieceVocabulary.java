package io.aitip.nl.embed;

import io.aitip.tools.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The whole words of a BERT tokenizer ({@code tokenizer.json}, WordPiece): entries of lowercase
 * letters only, without the {@code ##} of word pieces or the bracketed special tokens. The English
 * model's 30,522 entries hold about 20,000 such words: a dictionary of real English that ships with
 * the model ("file", "could", "pipeline"; not "datset" or "trian").
 */
final class WordPieceVocabulary {

    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private WordPieceVocabulary() {
    }

    static Set<String> words(Path tokenizerJson) {
        try {
            JsonNode vocab = Json.MAPPER.readTree(Files.readString(tokenizerJson)).path("model").path("vocab");
            Set<String> words = new HashSet<>();
            for (String token : vocab.propertyNames()) {
                if (WORD.matcher(token).matches()) {
                    words.add(token);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer vocabulary " + tokenizerJson, e);
        }
    }
}
