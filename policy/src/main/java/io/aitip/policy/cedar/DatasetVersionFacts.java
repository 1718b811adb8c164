package io.aitip.policy.cedar;

import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.security.Principal;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code dataset_version_in_use}: for a destructive datasets tool naming a dataset and a version,
 * whether any training job of the org trained on that version (its lineage would break).
 */
@Component
public class DatasetVersionFacts implements PolicyFacts {

    private final JdbcTemplate jdbc;

    public DatasetVersionFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Boolean> facts(Principal principal, ToolSpec tool, JsonNode arguments) {
        String dataset = arguments.path("dataset").isString() ? arguments.path("dataset").asString() : null;
        String version = arguments.path("version").isString() ? arguments.path("version").asString() : null;
        if (!"datasets".equals(tool.toolset()) || !tool.destructive() || dataset == null || version == null) {
            return Map.of();
        }
        Boolean inUse = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM training_jobs j JOIN datasets d ON d.id = j.dataset_id "
                + "WHERE d.org_id = ? AND (d.id = ? OR d.name = ?) AND j.dataset_version = ?)", Boolean.class,
                principal.orgId(), dataset, dataset, version);
        return Map.of("dataset_version_in_use", Boolean.TRUE.equals(inUse));
    }
}
