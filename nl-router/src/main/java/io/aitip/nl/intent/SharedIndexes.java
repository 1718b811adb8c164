package io.aitip.nl.intent;

import io.aitip.nl.embed.Embedder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intent indexes by the exact set of labelled sentences they were built from, once per JVM: every
 * server context in a test JVM with the same catalog shares one, so the examples are embedded once.
 */
public final class SharedIndexes {

    private static final Map<List<LabelledSentence>, IntentIndex> BUILT = new ConcurrentHashMap<>();

    private SharedIndexes() {
    }

    public static IntentIndex of(Embedder embedder, List<LabelledSentence> sentences) {
        return BUILT.computeIfAbsent(List.copyOf(sentences), s -> IntentModel.build(embedder, s));
    }
}
