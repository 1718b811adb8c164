package io.aitip.nl.intent;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the intent index: masks, splits and embeds every labelled sentence once. */
public final class IntentModel {

    private IntentModel() {
    }

    public static IntentIndex build(Embedder embedder, List<LabelledSentence> sentences) {
        List<Example> examples = new ArrayList<>(sentences.size());
        List<Set<String>> documents = new ArrayList<>(sentences.size());
        List<String> masked = new ArrayList<>(sentences.size());
        for (LabelledSentence sentence : sentences) {
            Example example = example(embedder, sentence.tool(), sentence.language(), sentence.text(), sentence.source());
            examples.add(example);
            documents.add(example.terms());
            masked.add(Masker.mask(sentence.text()));
        }
        Lexical lexical = new Lexical();
        lexical.fit(documents);
        return new IntentIndex(examples, lexical, new Spelling(masked, embedder.vocabulary(Language.EN)));
    }

    /** An index over examples that are already embedded (the sweep's cross-validation folds). */
    public static IntentIndex ofExamples(List<Example> examples) {
        return ofExamples(examples, HeadTraining.DEFAULT);
    }

    /** The same, with the head trained another way (the sweep compares ways of training it). */
    public static IntentIndex ofExamples(List<Example> examples, HeadTraining training) {
        Lexical lexical = new Lexical();
        lexical.fit(examples.stream().map(Example::terms).toList());
        return new IntentIndex(examples, lexical, new Spelling(examples.stream().map(e -> Masker.mask(e.text())).toList()),
                training);
    }

    public static Example example(Embedder embedder, String tool, Language language, String text, String source) {
        String masked = Masker.mask(text);
        return new Example(tool, language, text, Lexical.terms(masked), embedder.embed(language, masked), source);
    }

    /** An example whose vector is already known (learned examples are stored with theirs). */
    public static Example stored(String tool, Language language, String text, float[] vector, String source) {
        return new Example(tool, language, text, Lexical.terms(Masker.mask(text)), vector, source);
    }

    public static Set<String> terms(String text) {
        return Lexical.terms(Masker.mask(text));
    }

    /** The terms of a sentence that is already masked (and mended). */
    public static Set<String> termsOfMasked(String masked) {
        return Lexical.terms(masked);
    }
}
