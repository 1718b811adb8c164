package io.aitip.platform.datasets;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolSpec;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Where a dataset came from and what used it: its version chain and the training jobs that read it. */
@Component
public class DatasetLineageTool implements Tool<DatasetLineageTool.Input> {

    static final int MAX_JOBS = 100;
    static final int MAX_VERSIONS = 100;

    public record Input(
            @Param(value = "The dataset's id (ds-…) or unique name.", required = true, minLength = 1) String dataset) {
    }

    /** One link of the chain: a version and the version it was derived from. */
    public record Link(String version, String parentVersion, String uri, String changes, String createdBy,
                       java.time.Instant createdAt) {
    }

    public record Result(String datasetId, String name, String latestVersion, List<Link> versions,
                         boolean versionsTruncated, List<DatasetUse> trainingJobs, boolean jobsTruncated) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_lineage")
            .toolset("datasets")
            .title("Dataset lineage")
            .description("Shows a dataset's version chain (each version with its parent) and the training jobs that "
                    + "used it, with the version each job read (newest 100 versions and jobs). Call training_get with a job_id for details.")
            .readOnly()
            .permission("datasets:read")
            .example("en", "Which training jobs used the dataset cats-vs-dogs?", Map.of("dataset", "cats-vs-dogs"))
            .example("en", "Show the lineage of ds-1a2b3c4d", Map.of("dataset", "ds-1a2b3c4d"))
            .example("zh", "数据集 medical-qa 的血缘关系", Map.of("dataset", "medical-qa"))
            .example("zh", "哪些训练任务用过 ds-1a2b3c4d 这个数据集？", Map.of("dataset", "ds-1a2b3c4d"))
            .build();

    private final DatasetService datasets;

    public DatasetLineageTool(DatasetService datasets) {
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
        Scope scope = Scope.of(context);
        Dataset dataset = datasets.require(scope, input.dataset());
        List<Link> chain = datasets.store().versions(dataset.id()).stream()
                .map(v -> new Link(v.version(), v.parentVersion(), v.uri(), v.changes(), v.createdBy(), v.createdAt()))
                .toList();
        boolean versionsTruncated = chain.size() > MAX_VERSIONS;
        if (versionsTruncated) {
            chain = chain.subList(chain.size() - MAX_VERSIONS, chain.size());
        }
        List<DatasetUse> jobs = datasets.store().uses(scope, dataset.id(), MAX_JOBS + 1);
        boolean truncated = jobs.size() > MAX_JOBS;
        return new Result(dataset.id(), dataset.name(), dataset.latestVersion(), chain, versionsTruncated,
                truncated ? jobs.subList(0, MAX_JOBS) : jobs, truncated);
    }
}
