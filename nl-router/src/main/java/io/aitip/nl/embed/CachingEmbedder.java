package io.aitip.nl.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the vectors of recent sentences (by language and exact masked text): people repeat
 * themselves ("list my datasets", "show running jobs"), and the planner embeds the same masked
 * sentence again when it learns a confirmed call. Bounded (least recently used out), thread-safe.
 */
public final class CachingEmbedder implements Embedder {

    private final Embedder models;
    private final Map<String, float[]> recent;

    public CachingEmbedder(Embedder models, int capacity) {
        this.models = models;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public float[] embed(Language language, String text) {
        String key = language.wire() + '\u0000' + text;
        synchronized (recent) {
            float[] known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        float[] vector = models.embed(language, text);
        synchronized (recent) {
            recent.put(key, vector);
        }
        return vector;
    }

    /** Forgets every vector (the evaluation harness measures uncached requests with it). */
    public void clear() {
        synchronized (recent) {
            recent.clear();
        }
    }

    @Override
    public int dimension(Language language) {
        return models.dimension(language);
    }

    @Override
    public java.util.Set<String> vocabulary(Language language) {
        return models.vocabulary(language);
    }
}
