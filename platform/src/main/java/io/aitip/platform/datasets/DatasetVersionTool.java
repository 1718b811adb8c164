package io.aitip.platform.datasets;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Adds the next version of a dataset, linked to the one before. */
@Component
public class DatasetVersionTool implements Tool<DatasetVersionTool.Input> {

    public record Input(
            @Param(value = "The dataset's id (ds-…) or unique name.", required = true, minLength = 1) String dataset,
            @Param(value = "Where the new version's data lives.", required = true, minLength = 1, maxLength = 2000)
            String uri,
            @Param(value = "What changed since the previous version.", maxLength = 4000) String changes) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_version")
            .toolset("datasets")
            .title("Add a dataset version")
            .description("Creates the next version of a dataset (v1 → v2 → …) at a new URI, linked to the previous "
                    + "version, and makes it the latest. Training jobs submitted afterwards record the new version. "
                    + "Call dataset_lineage to see the chain.")
            .write()
            .permission("datasets:write")
            .example("en", "Add a new version of cats-vs-dogs at s3://ml-data/cats-dogs-v2 with 5k more images",
                    Map.of("dataset", "cats-vs-dogs", "uri", "s3://ml-data/cats-dogs-v2", "changes", "5k more images"))
            .example("en", "New version of ds-1a2b3c4d at gs://corp/tickets-2024.jsonl",
                    Map.of("dataset", "ds-1a2b3c4d", "uri", "gs://corp/tickets-2024.jsonl"))
            .example("zh", "给 medical-qa 新建一个版本，路径 s3://data/medical-qa-v2，去掉了重复样本",
                    Map.of("dataset", "medical-qa", "uri", "s3://data/medical-qa-v2", "changes", "去掉了重复样本"))
            .example("zh", "数据集 ds-1a2b3c4d 更新版本到 hf://datasets/street-view-2",
                    Map.of("dataset", "ds-1a2b3c4d", "uri", "hf://datasets/street-view-2"))
            .build();

    private final DatasetService datasets;

    public DatasetVersionTool(DatasetService datasets) {
        this.datasets = datasets;
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
        return datasets.addVersion(Scope.of(context), input.dataset(), input.uri(), input.changes());
    }
}
