package io.aitip.nl.resolve;

import io.aitip.nl.embed.Language;
import java.util.List;

/**
 * Vector search over a tenant's named objects. Two implementations with one contract: pgvector in
 * PostgreSQL (production) and an in-process index (the embedded default, which has no pgvector).
 */
public interface EntityIndex {

    /** The closest objects of a kind to the phrase's vector, best first (at most {@code limit}). */
    List<Match> nearest(String orgId, String projectId, String kind, Language language, float[] phrase, int limit);

    /** Which implementation answers: {@code pgvector} or {@code memory}. */
    String name();
}
