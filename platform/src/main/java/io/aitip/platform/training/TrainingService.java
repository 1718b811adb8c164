package io.aitip.platform.training;

import io.aitip.platform.datasets.Dataset;
import io.aitip.platform.datasets.DatasetService;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Training rules the tools share: checking a submission against the executor, lookups, stopping. */
@Service
public class TrainingService {

    private final TrainingJobStore jobs;
    private final DatasetService datasets;
    private final ObjectProvider<JobExecutor> executors;

    public TrainingService(TrainingJobStore jobs, DatasetService datasets, ObjectProvider<JobExecutor> executors) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.executors = executors;
    }

    public TrainingJobStore jobs() {
        return jobs;
    }

    public JobExecutor executor() {
        JobExecutor executor = executors.getIfAvailable();
        if (executor == null) {
            throw new ToolException(ErrorCode.UNAVAILABLE, "No training executor is configured on this server. "
                    + "Ask an operator to set AITIP_EXECUTOR to local or kubernetes.");
        }
        return executor;
    }

    /** The caller's job, or NOT_FOUND (another tenant's job included). */
    public TrainingJob require(Scope scope, String jobId) {
        return jobs.find(scope, jobId).orElseThrow(() -> ToolException.notFound("Training job", jobId,
                "Check the id with training_list."));
    }

    public TrainingJob submit(Scope scope, TrainingSubmitTool.Input in) {
        return submit(scope, in, null);
    }

    /** @param callbackUrl where the job's terminal event goes besides the org's endpoints (checked by the door); may be null */
    public TrainingJob submit(Scope scope, TrainingSubmitTool.Input in, String callbackUrl) {
        JobExecutor executor = executor();
        Distributed distributed = in.distributed() == null ? Distributed.NONE : in.distributed();
        int nodes = in.nodes() == null ? 1 : in.nodes();
        if (distributed != Distributed.NONE && !executor.supportsDistributed()) {
            throw ToolException.invalid("/distributed", "The " + executor.kind() + " executor runs single-process jobs; "
                    + "distributed=" + distributed.wire() + " needs the kubernetes executor (AITIP_EXECUTOR=kubernetes). "
                    + "Submit with distributed=none, or ask an operator for the kubernetes executor.");
        }
        if (nodes > 1 && !executor.supportsDistributed()) {
            throw ToolException.invalid("/nodes", "The " + executor.kind() + " executor runs on one node; nodes="
                    + nodes + " needs the kubernetes executor. Submit with nodes=1.");
        }
        if (in.image() != null && in.command() == null && !executor.supportsDistributed()) {
            throw ToolException.invalid("/image", "The " + executor.kind() + " executor runs commands, not container "
                    + "images. Pass `command` (the image is then only recorded), or leave both out to run the bundled "
                    + "example trainer.");
        }
        TrainingSubmitTool.Resources res = in.resources();
        String gpuType = res == null || res.gpuType() == null ? null : res.gpuType().wire();
        int gpuCount = res == null || res.gpuCount() == null ? (gpuType == null ? 0 : 1) : res.gpuCount();
        gpuType = gpus(executor.pool(), gpuType, gpuCount);
        String datasetId = null;
        String datasetVersion = null;
        if (in.dataset() != null) {
            Dataset dataset = datasets.require(scope, in.dataset());
            datasetId = dataset.id();
            datasetVersion = dataset.latestVersion();
        }
        String experimentId = null;
        if (in.experiment() != null) {
            String ref = in.experiment().trim();
            experimentId = jobs.experimentId(scope, ref).orElseGet(() -> {
                if (ref.startsWith("exp-")) {
                    throw ToolException.notFound("Experiment", ref, "Pass an existing experiment id, or a name "
                            + "(a new experiment of that name is created).");
                }
                return jobs.createExperiment(scope, ref);
            });
        }
        String id = Ids.next("train");
        String name = in.name() != null ? in.name().trim() : in.model().replaceAll(".*/", "") + "-" + id.substring(6);
        TrainingJob job = TrainingJob.draft(id, scope.orgId(), scope.projectId(), scope.userId(), name, in.model(),
                datasetId, datasetVersion, in.framework(), in.command(), in.image(),
                in.config() == null ? TrainingConfig.empty() : in.config(), gpuCount > 0 ? gpuType : null, gpuCount,
                res == null ? null : res.cpu(), res == null ? null : res.memoryGb(), distributed.wire(), nodes,
                experimentId, in.priority() == null ? 0 : in.priority(), in.maxRuntimeMinutes());
        executor.check(job);
        jobs.insert(job, callbackUrl);
        executor.submit(jobs.findById(id).orElseThrow());
        return jobs.findById(id).orElseThrow();
    }

    /** The GPU type to use: the one asked for, or the first type with enough devices; INVALID if none has. */
    private static String gpus(GpuPool pool, String type, int count) {
        if (count == 0) {
            return null;
        }
        if (type == null) {
            return pool.totals().entrySet().stream().filter(e -> e.getValue() >= count).map(e -> e.getKey())
                    .findFirst().orElseThrow(() -> ToolException.invalid("/resources/gpu_count", "No GPU type has "
                            + count + " devices: this platform has " + pool.describe() + ". Ask for fewer GPUs, "
                            + "or gpu_count 0 to train on CPU."));
        }
        int total = pool.total(type);
        if (total < count) {
            throw ToolException.invalid("/resources/gpu_count", "The job asks for " + count + " " + type + " GPU"
                    + (count == 1 ? "" : "s") + " but this platform has " + pool.describe() + " in total. Ask for at most "
                    + total + " " + type + (total == 0 ? " (choose another gpu_type)" : "") + ", or see resources_gpus.");
        }
        return type;
    }

    /** Stops a live job; CONFLICT for one that already ended. */
    public TrainingJob stop(Scope scope, String jobId) {
        TrainingJob job = require(scope, jobId);
        if (job.status().terminal()) {
            throw new ToolException(ErrorCode.CONFLICT, "Training job " + job.id() + " already " + job.status().wire()
                    + (job.endedAt() == null ? "" : " at " + job.endedAt()) + "; there is nothing to stop. "
                    + "See training_get for its result.");
        }
        executor().stop(job);
        return jobs.findById(job.id()).orElseThrow();
    }
}
