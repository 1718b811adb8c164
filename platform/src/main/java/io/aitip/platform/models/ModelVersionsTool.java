package io.aitip.platform.models;

import io.aitip.platform.support.KeysetPages;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import io.aitip.platform.support.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A model's versions, newest first, with their lineage. */
@Component
public class ModelVersionsTool implements Tool<ModelVersionsTool.Input> {

    public record Input(
            @Param(value = "The model's id (mdl-…) or its unique name in the project.", required = true, minLength = 1,
                    maxLength = 200) String model,
            @Param(value = "Page size (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the newest versions.") String cursor) {
    }

    /** One page of versions, newest first; {@code next_cursor} is absent on the last page. */
    public record Page(String modelId, String name, String latestVersion, List<ModelVersion> versions, int count,
                       String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("model_versions")
            .toolset("models")
            .title("List model versions")
            .description("Lists a model's versions, newest first, each with artifact URI, checksum, final metrics and "
                    + "lineage (source training job, dataset and dataset version). Pass next_cursor back as cursor for "
                    + "older versions; call training_get with a source_job_id or dataset_get with a dataset_id to follow the lineage.")
            .readOnly()
            .permission("models:read")
            .example("en", "List the versions of resnet50-cats", Map.of("model", "resnet50-cats"))
            .example("en", "Show the 3 newest versions of mdl-1a2b3c4d", Map.of("model", "mdl-1a2b3c4d", "limit", 3))
            .example("zh", "模型 medical-llama 有哪些版本？", Map.of("model", "medical-llama"))
            .example("zh", "列出 mdl-1a2b3c4d 最近的 5 个版本及其来源", Map.of("model", "mdl-1a2b3c4d", "limit", 5))
            .build();

    private final ModelService models;

    public ModelVersionsTool(ModelService models) {
        this.models = models;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        Model model = models.require(Scope.of(context), input.model());
        int limit = Limits.of(input.limit());
        List<ModelVersion> rows = models.store().versions(model.id(), limit + 1, decode(input.cursor()));
        String next = KeysetPages.nextCursor(rows, limit, ModelVersionsTool::encode);
        rows = KeysetPages.page(rows, limit);
        return new Page(model.id(), model.name(), model.latestVersion(), rows, rows.size(), next);
    }

    /** Versions are ordered by number, so the cursor is the number of the last version returned. */
    static String encode(ModelVersion last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("mv|" + last.version().substring(1))
                .getBytes(StandardCharsets.UTF_8));
    }

    static Integer decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("mv|")) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(text.substring(3));
        } catch (RuntimeException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid. Pass the next_cursor of the previous "
                    + "page unchanged, or leave cursor out to start from the newest version.");
        }
    }
}
