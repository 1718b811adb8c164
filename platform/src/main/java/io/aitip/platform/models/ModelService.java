package io.aitip.platform.models;

import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Model rules the tools share: id-or-name lookup, registering versions from jobs or URIs. */
@Service
public class ModelService {

    /** At most this many final metrics are recorded on a version. */
    static final int MAX_METRICS = 100;

    private final ModelStore store;
    private final TrainingJobStore jobs;
    private final RunMetricStore metrics;

    public ModelService(ModelStore store, TrainingJobStore jobs, RunMetricStore metrics) {
        this.store = store;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    public ModelStore store() {
        return store;
    }

    /** The model by id or unique name in the caller's project; NOT_FOUND otherwise (other tenants included). */
    public Model require(Scope scope, String idOrName) {
        return store.find(scope, idOrName.trim()).orElseThrow(() -> ToolException.notFound("Model", idOrName,
                "Check the id or name with model_list, or register it with model_register."));
    }

    /** What model_register returns: the model after the change and the version it created. */
    public record Registered(ModelView model, ModelVersion version, boolean createdModel) {
    }

    public Registered register(ToolContext context, ModelRegisterTool.Input in) {
        Scope scope = Scope.of(context);
        boolean fromJob = in.jobId() != null && !in.jobId().isBlank();
        boolean fromUri = in.uri() != null && !in.uri().isBlank();
        if (fromJob == fromUri) {
            throw ToolException.invalid(fromJob ? "/uri" : "/job_id", fromJob
                    ? "Pass either job_id or uri, not both: job_id registers a finished training job's checkpoint "
                    + "(with its metrics and dataset lineage), uri registers an artifact made elsewhere."
                    : "Pass job_id (a succeeded training job, train-…) or uri (where the artifact lives, e.g. "
                    + "s3://models/resnet50.pt) to say what this version is.");
        }
        String name = in.name().trim();
        Optional<Model> existing = store.find(scope, name);
        if (existing.isEmpty() && name.matches("mdl-[0-9a-f]{8}")) {
            throw ToolException.notFound("Model", name, "To add a version to an existing model pass its name or id "
                    + "from model_list; to create a model pass a new name that is not an id.");
        }
        ModelStore.NewVersion version = fromJob ? fromJob(context, scope, in.jobId().trim(), existing)
                : new ModelStore.NewVersion(in.uri().trim(), null, null, null, null, Map.of(), scope.userId());
        Model model = existing.orElseGet(() -> store.createIfAbsent(scope, name, in.description(), in.framework(),
                in.format()));
        ModelVersion added = store.addVersion(model.id(), version, in.description(), in.framework(), in.format());
        Model after = store.find(scope, model.id()).orElseThrow();
        return new Registered(ModelView.of(after), added, "v1".equals(added.version()));
    }

    private ModelStore.NewVersion fromJob(ToolContext context, Scope scope, String jobId, Optional<Model> model) {
        TrainingJob job = jobs.find(scope, jobId).orElseThrow(() -> new ToolException(ToolError.at(ErrorCode.NOT_FOUND,
                "Training job '" + jobId + "' was not found. Check the id with training_list or experiment_get.",
                "/job_id")));
        if (job.status() != JobStatus.SUCCEEDED) {
            String next = job.status().terminal()
                    ? "Only succeeded jobs can be registered; register another run (experiment_compare helps choose), "
                    + "or pass uri for an artifact made elsewhere."
                    : "Wait for it with training_wait (job_id " + job.id() + "), then call model_register again.";
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Training job " + job.id() + " is "
                    + job.status().wire() + ", not succeeded. " + next, "/job_id"));
        }
        if (job.checkpointPath() == null || job.checkpointPath().isBlank()) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Training job " + job.id() + " succeeded but "
                    + "left no checkpoint, so there is nothing to register. Make the training command write to "
                    + "$AITIP_CHECKPOINT_DIR, or pass uri where the model was saved.", "/job_id"));
        }
        if (model.isPresent()) {
            store.versionFromJob(model.get().id(), job.id()).ifPresent(v -> {
                throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Training job " + job.id() + " is already "
                        + "registered as " + model.get().name() + " " + v.version() + ". See model_versions; register "
                        + "a different job for a new version.", "/job_id"));
            });
        }
        String checksum = null;
        Optional<Path> local = Checksums.localPath(job.checkpointPath());
        if (local.isPresent()) {
            try {
                checksum = Checksums.sha256(local.get(), context).orElse(null);
            } catch (UncheckedIOException e) {
                throw new ToolException(ErrorCode.UNAVAILABLE, "The checkpoint of " + job.id() + " exists but cannot "
                        + "be read (" + e.getCause().getMessage() + "). Try again later or ask an operator.");
            }
        }
        Map<String, Double> finals = new LinkedHashMap<>();
        metrics.finals(List.of(job.id())).getOrDefault(job.id(), Map.of()).forEach((name, f) -> {
            if (finals.size() < MAX_METRICS && Double.isFinite(f.value())) {
                finals.put(name, f.value());
            }
        });
        return new ModelStore.NewVersion(job.checkpointPath(), checksum, job.id(), job.datasetId(), job.datasetVersion(),
                finals, scope.userId());
    }
}
