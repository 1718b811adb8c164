package io.aitip.nl.learn;

import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import io.aitip.nl.intent.Example;
import io.aitip.nl.intent.IntentModel;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.sql.Array;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The tenant's learned examples: stored with their embedding, listed for review, removable. The
 * router reads them per tenant through a small cache that every write to that tenant clears.
 */
public final class LearnedExamples {

    private static final int MAX_PER_TENANT = 5_000;

    private final JdbcTemplate jdbc;
    private final Map<String, List<Example>> cache = new ConcurrentHashMap<>();

    public LearnedExamples(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds (or refreshes) an example; the same sentence twice keeps the newest reading. */
    public void learn(String orgId, String projectId, String userId, String tool, Language language, String text,
                      JsonNode arguments, String origin, float[] vector) {
        jdbc.update("INSERT INTO nl_examples (id, org_id, project_id, created_by, tool, language, text, arguments, origin, embedding) "
                        + "VALUES (?,?,?,?,?,?,?,?::jsonb,?,?) ON CONFLICT (org_id, project_id, language, text) DO UPDATE SET "
                        + "tool = EXCLUDED.tool, arguments = EXCLUDED.arguments, origin = EXCLUDED.origin, created_by = EXCLUDED.created_by, "
                        + "embedding = EXCLUDED.embedding, created_at = now()",
                ps -> {
                    ps.setString(1, Ids.next("nlx", 6));
                    ps.setString(2, orgId);
                    ps.setString(3, projectId);
                    ps.setString(4, userId);
                    ps.setString(5, tool);
                    ps.setString(6, language.wire());
                    ps.setString(7, text);
                    ps.setString(8, Json.write(arguments));
                    ps.setString(9, origin);
                    ps.setArray(10, ps.getConnection().createArrayOf("real", Vectors.boxed(vector)));
                });
        cache.remove(key(orgId, projectId));
    }

    public List<LearnedExample> list(String orgId, String projectId, String tool, int limit) {
        return jdbc.query("SELECT id, tool, language, text, arguments::text, origin, created_by, created_at FROM nl_examples "
                        + "WHERE org_id = ? AND project_id = ? AND (?::text IS NULL OR tool = ?) ORDER BY created_at DESC, id LIMIT ?",
                (rs, i) -> new LearnedExample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Json.MAPPER.readTree(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()), orgId, projectId, tool, tool, limit);
    }

    /** Removes one example of this tenant; false when there is none with that id. */
    public boolean remove(String orgId, String projectId, String id) {
        boolean removed = jdbc.update("DELETE FROM nl_examples WHERE id = ? AND org_id = ? AND project_id = ?", id, orgId, projectId) == 1;
        cache.remove(key(orgId, projectId));
        return removed;
    }

    /** The tenant's examples as the intent index compares them. */
    public List<Example> examples(String orgId, String projectId) {
        return cache.computeIfAbsent(key(orgId, projectId), k -> jdbc.query(
                "SELECT tool, language, text, embedding, id FROM nl_examples WHERE org_id = ? AND project_id = ? "
                        + "ORDER BY created_at DESC LIMIT " + MAX_PER_TENANT,
                (rs, i) -> {
                    Array embedding = rs.getArray(4);
                    return IntentModel.stored(rs.getString(1), Language.parse(rs.getString(2)), rs.getString(3),
                            Vectors.unboxed((Object[]) embedding.getArray()), "learned:" + rs.getString(5));
                }, orgId, projectId));
    }

    private static String key(String orgId, String projectId) {
        return orgId + "/" + projectId;
    }
}
