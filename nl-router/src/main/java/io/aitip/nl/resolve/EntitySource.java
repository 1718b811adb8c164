package io.aitip.nl.resolve;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a tenant's named objects from the domain tables: datasets, models and live inference services.
 * Only the org and project of the caller, never another tenant's.
 */
public final class EntitySource {

    private final JdbcTemplate jdbc;

    public EntitySource(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entity> load(String orgId, String projectId, String kind) {
        return switch (kind) {
            case "dataset" -> jdbc.query("SELECT id, name, description, tags FROM datasets WHERE org_id = ? AND project_id = ? "
                    + "AND status = 'active' ORDER BY created_at DESC LIMIT 2000", (rs, i) -> new Entity(rs.getString(1), kind,
                    rs.getString(2), text(rs.getString(2), rs.getString(3), tags(rs.getArray(4)))), orgId, projectId);
            case "model" -> jdbc.query("SELECT id, name, description FROM models WHERE org_id = ? AND project_id = ? "
                    + "ORDER BY created_at DESC LIMIT 2000", (rs, i) -> new Entity(rs.getString(1), kind, rs.getString(2),
                    text(rs.getString(2), rs.getString(3), List.of())), orgId, projectId);
            case "service" -> services(orgId, projectId);
            default -> List.of();
        };
    }

    /** Live services (V18): the name and the model they serve describe them ("the support bot", "news-classifier service"). */
    private List<Entity> services(String orgId, String projectId) {
        return jdbc.query("SELECT id, name, model_name, runtime FROM inference_services WHERE org_id = ? AND project_id = ? "
                        + "AND status IN ('deploying', 'ready') ORDER BY created_at DESC LIMIT 2000",
                (rs, i) -> new Entity(rs.getString(1), "service", rs.getString(2),
                        text(rs.getString(2), "serves " + rs.getString(3) + " on " + rs.getString(4), List.of())),
                orgId, projectId);
    }

    static String text(String name, String description, List<String> tags) {
        StringBuilder text = new StringBuilder(name.replaceAll("[-_./]+", " "));
        if (description != null && !description.isBlank()) {
            text.append(". ").append(description);
        }
        if (!tags.isEmpty()) {
            text.append(". ").append(String.join(", ", tags));
        }
        return text.toString();
    }

    private static List<String> tags(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Object tag : (Object[]) array.getArray()) {
            tags.add(String.valueOf(tag));
        }
        return tags;
    }
}
