package io.aitip.nl.resolve;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default's entity index: reads the tenant's objects from the store on each search
 * (one indexed query) and keeps their vectors in memory, keyed by language and text, so an object
 * is embedded once until its text changes.
 */
public final class MemoryEntityIndex implements EntityIndex {

    private static final int MAX_CACHED = 50_000;

    private final EntitySource source;
    private final Embedder embedder;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    public MemoryEntityIndex(EntitySource source, Embedder embedder) {
        this.source = source;
        this.embedder = embedder;
    }

    @Override
    public List<Match> nearest(String orgId, String projectId, String kind, Language language, float[] phrase, int limit) {
        if (vectors.size() > MAX_CACHED) {
            vectors.clear();
        }
        List<Match> matches = new ArrayList<>();
        for (Entity entity : source.load(orgId, projectId, kind)) {
            float[] vector = vectors.computeIfAbsent(language.wire() + "\u0000" + entity.text(),
                    key -> embedder.embed(language, entity.text()));
            matches.add(new Match(entity.id(), entity.name(), Vectors.dot(phrase, vector)));
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return matches.subList(0, Math.min(limit, matches.size()));
    }

    @Override
    public String name() {
        return "memory";
    }
}
