package io.aitip.platform.datasets;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Registers a dataset by where it lives; creates its version v1. */
@Component
public class DatasetRegisterTool implements Tool<DatasetRegisterTool.Input> {

    public record Input(
            @Param(value = "Unique name of the dataset in the project, e.g. 'imagenet-subset'.", required = true,
                    minLength = 1, maxLength = 200) String name,
            @Param(value = "Where the data lives: s3://, gs://, hf://, file:// or an http(s) URL.", required = true,
                    minLength = 1, maxLength = 2000) String uri,
            @Param(value = "Storage format, e.g. parquet, jsonl, csv, arrow, images.", maxLength = 50) String format,
            @Param(value = "What the data is and how it was collected; used by dataset_search.", maxLength = 4000)
            String description,
            @Param(value = "Free-form labels used by dataset_search, e.g. ['vision', 'classification'].", maxItems = 32)
            List<String> tags) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_register")
            .toolset("datasets")
            .title("Register a dataset")
            .description("Registers a dataset (name and URI) in the current project and creates its version v1. "
                    + "Returns the dataset with its id (ds-…). Fails with CONFLICT when the name is taken: then call "
                    + "dataset_version to add a version instead. Use the id or name as `dataset` in training_submit.")
            .write()
            .permission("datasets:write")
            .example("en", "Register the dataset cats-vs-dogs at s3://ml-data/cats-dogs in parquet format",
                    Map.of("name", "cats-vs-dogs", "uri", "s3://ml-data/cats-dogs", "format", "parquet"))
            .example("en", "Add a dataset called support-tickets from gs://corp/tickets.jsonl tagged nlp and support",
                    Map.of("name", "support-tickets", "uri", "gs://corp/tickets.jsonl", "format", "jsonl",
                            "tags", List.of("nlp", "support")))
            .example("zh", "注册数据集 medical-qa，路径是 s3://data/medical-qa，格式 jsonl",
                    Map.of("name", "medical-qa", "uri", "s3://data/medical-qa", "format", "jsonl"))
            .example("zh", "登记一个名为 街景图片 的数据集，地址 hf://datasets/street-view，描述为城市街景图像分类数据",
                    Map.of("name", "街景图片", "uri", "hf://datasets/street-view", "description", "城市街景图像分类数据"))
            .build();

    private final DatasetService datasets;

    public DatasetRegisterTool(DatasetService datasets) {
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
        return datasets.register(Scope.of(context), input.name(), input.description(), input.uri(), input.format(),
                input.tags());
    }
}
