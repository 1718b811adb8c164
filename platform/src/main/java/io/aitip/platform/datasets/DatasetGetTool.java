package io.aitip.platform.datasets;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One dataset with its versions. */
@Component
public class DatasetGetTool implements Tool<DatasetGetTool.Input> {

    static final int MAX_VERSIONS = 50;

    public record Input(
            @Param(value = "The dataset's id (ds-…) or its unique name in the project.", required = true, minLength = 1)
            String dataset) {
    }

    /** The dataset and its newest versions (at most 50, newest last). */
    public record Result(Dataset dataset, List<DatasetVersion> versions, int versionCount, boolean versionsTruncated) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_get")
            .toolset("datasets")
            .title("Get a dataset")
            .description("Returns one dataset by id or name: URI, format, tags, status, latest version and its "
                    + "versions. Call dataset_lineage to see which training jobs used it, dataset_version to add a version.")
            .readOnly()
            .permission("datasets:read")
            .example("en", "Show me the dataset cats-vs-dogs", Map.of("dataset", "cats-vs-dogs"))
            .example("en", "What versions does ds-1a2b3c4d have?", Map.of("dataset", "ds-1a2b3c4d"))
            .example("zh", "查看数据集 medical-qa 的详情", Map.of("dataset", "medical-qa"))
            .example("zh", "数据集 ds-1a2b3c4d 现在是哪个版本？", Map.of("dataset", "ds-1a2b3c4d"))
            .build();

    private final DatasetService datasets;

    public DatasetGetTool(DatasetService datasets) {
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
        Dataset dataset = datasets.require(Scope.of(context), input.dataset());
        List<DatasetVersion> versions = datasets.store().versions(dataset.id());
        int count = versions.size();
        if (count > MAX_VERSIONS) {
            versions = versions.subList(count - MAX_VERSIONS, count);
        }
        return new Result(dataset, versions, count, count > MAX_VERSIONS);
    }
}
