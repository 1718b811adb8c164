package io.aitip.nl.resolve;

import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import io.aitip.tools.pipeline.CanonicalJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Production's entity index: the vectors live in {@code nl_entity_vectors} (pgvector) and
 * PostgreSQL ranks them ({@code <=>}, cosine distance, HNSW per model dimension). Before a search
 * the tenant's objects are synced: new or changed ones are embedded and upserted, removed ones
 * deleted, so the index follows the domain tables without hooks in every tool.
 */
public final class PgVectorEntityIndex implements EntityIndex {

    private final JdbcTemplate jdbc;
    private final EntitySource source;
    private final Embedder embedder;

    public PgVectorEntityIndex(JdbcTemplate jdbc, EntitySource source, Embedder embedder) {
        this.jdbc = jdbc;
        this.source = source;
        this.embedder = embedder;
    }

    /** Whether the store has pgvector and the table V31 creates with it. */
    public static boolean available(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT to_regclass('nl_entity_vectors') IS NOT NULL AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')",
                Boolean.class));
    }

    @Override
    public List<Match> nearest(String orgId, String projectId, String kind, Language language, float[] phrase, int limit) {
        sync(orgId, projectId, kind, language);
        String dimension = String.valueOf(embedder.dimension(language));
        String query = Vectors.literal(phrase);
        // the cast matches the partial HNSW index of this language's dimension
        return jdbc.query("SELECT entity_id, name, 1 - ((embedding::vector(" + dimension + ")) <=> ?::vector(" + dimension + ")) "
                        + "FROM nl_entity_vectors WHERE org_id = ? AND project_id = ? AND kind = ? AND language = ? "
                        + "ORDER BY (embedding::vector(" + dimension + ")) <=> ?::vector(" + dimension + ") LIMIT ?",
                (rs, i) -> new Match(rs.getString(1), rs.getString(2), rs.getDouble(3)),
                query, orgId, projectId, kind, language.wire(), query, limit);
    }

    private void sync(String orgId, String projectId, String kind, Language language) {
        Map<String, String> stored = new HashMap<>();
        jdbc.query("SELECT entity_id, text_hash FROM nl_entity_vectors WHERE org_id = ? AND project_id = ? AND kind = ? AND language = ?",
                rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                }, orgId, projectId, kind, language.wire());
        Set<String> present = new HashSet<>();
        for (Entity entity : source.load(orgId, projectId, kind)) {
            present.add(entity.id());
            String hash = CanonicalJson.sha256(entity.text());
            if (!hash.equals(stored.get(entity.id()))) {
                String vector = Vectors.literal(embedder.embed(language, entity.text()));
                jdbc.update("INSERT INTO nl_entity_vectors (entity_id, org_id, project_id, kind, language, name, text_hash, embedding) "
                                + "VALUES (?,?,?,?,?,?,?,?::vector) ON CONFLICT (entity_id, language) DO UPDATE SET name = EXCLUDED.name, "
                                + "text_hash = EXCLUDED.text_hash, embedding = EXCLUDED.embedding",
                        entity.id(), orgId, projectId, kind, language.wire(), entity.name(), hash, vector);
            }
        }
        for (String gone : stored.keySet()) {
            if (!present.contains(gone)) {
                jdbc.update("DELETE FROM nl_entity_vectors WHERE entity_id = ?", gone);
            }
        }
    }

    @Override
    public String name() {
        return "pgvector";
    }
}
