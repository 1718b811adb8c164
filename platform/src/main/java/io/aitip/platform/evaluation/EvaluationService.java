package io.aitip.platform.evaluation;

import io.aitip.platform.datasets.Dataset;
import io.aitip.platform.datasets.DatasetService;
import io.aitip.platform.models.Model;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelVersion;
import io.aitip.platform.sandbox.ProbeTarget;
import io.aitip.platform.sandbox.ProbeExecutor;
import io.aitip.platform.sandbox.ProbeFailed;
import io.aitip.platform.sandbox.ProbeRequest;
import io.aitip.platform.sandbox.Targets;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Runs evaluations: checks every argument before anything is stored, sends the items to the
 * target from the {@link ProbeExecutor} (the local sandbox process, or a cluster Job) (a separate OS process), and records the scored items. A run row
 * appears only once the target answered, so an unreachable endpoint leaves nothing behind.
 */
@Service
public class EvaluationService {

    private final EvaluationStore store;
    private final BenchmarkRegistry benchmarks;
    private final ModelService models;
    private final DatasetService datasets;
    private final Targets targets;
    private final ProbeExecutor sandbox;

    public EvaluationService(EvaluationStore store, BenchmarkRegistry benchmarks, ModelService models,
                             DatasetService datasets, Targets targets, ProbeExecutor sandbox) {
        this.store = store;
        this.benchmarks = benchmarks;
        this.models = models;
        this.datasets = datasets;
        this.targets = targets;
        this.sandbox = sandbox;
    }

    public EvaluationStore store() {
        return store;
    }

    /** The caller's evaluation, or NOT_FOUND (another tenant's included). */
    public EvaluationRun require(Scope scope, String evalId) {
        return store.find(scope, evalId.trim()).orElseThrow(() -> ToolException.notFound("Evaluation", evalId,
                "Check the id with evaluation_list."));
    }

    public EvaluationRun run(ToolContext context, EvaluationRunTool.Input in) {
        Scope scope = Scope.of(context);
        Benchmark benchmark = benchmarks.require(in.benchmark());
        if (!benchmark.runnable()) {
            throw ToolException.invalid("/benchmark", benchmark.title() + " cannot run on this server: "
                    + benchmark.notRunnable() + " Choose a runnable benchmark (see evaluation_benchmarks).");
        }
        Model model = models.require(scope, in.model());
        ModelVersion version = version(model, in.modelVersion());
        Dataset dataset = in.dataset() == null || in.dataset().isBlank() ? null : datasets.require(scope, in.dataset());
        if (dataset == null && benchmark.name().equals("custom")) {
            throw ToolException.invalid("/dataset", "The custom benchmark scores your own items: pass dataset, a "
                    + "registered dataset whose uri is a local JSONL file.");
        }
        List<EvalItem> items = dataset != null ? EvalItems.fromDataset(dataset) : benchmarks.samples(benchmark);
        if (in.limit() != null) {
            if (in.limit() < 1 || in.limit() > EvalItems.MAX_ITEMS) {
                throw ToolException.invalid("/limit", "limit must be between 1 and " + EvalItems.MAX_ITEMS + ".");
            }
            items = items.subList(0, Math.min(in.limit(), items.size()));
        }
        ProbeTarget target = targets.resolve(scope, in.target(), "/target");
        String scoring = benchmark.scoring();
        List<Map<String, Object>> probes = items.stream().map(item -> item.probe(scoring)).toList();
        String id = Ids.next("eval");
        Map<String, Object> resources = resources(in.resources());
        EvaluationStore.NewRun row = new EvaluationStore.NewRun(id, scope, model.id(), version.version(), benchmark.name(),
                dataset == null ? null : dataset.id(), dataset == null ? null : dataset.latestVersion(), target.display(),
                resources, benchmark.metric().name(), items.size());
        List<JsonNode> results;
        try {
            ProbeRequest request = new ProbeRequest(id, "evaluation", scope, target, probes,
                    (String) resources.get("gpu_type"), ((Number) resources.getOrDefault("gpu_count", 0)).intValue());
            List<EvalItem> kept = items;
            results = sandbox.run(request, context, () -> store.insertRunning(row, kept));
        } catch (ProbeFailed e) {
            if (!store.fail(id, e.getMessage()) && store.status(id).filter("succeeded"::equals).isPresent()) {
                return require(scope, id); // the cluster reconciler collected its results first (ADR 0022)
            }
            throw new ToolException(ErrorCode.UNAVAILABLE, "Evaluation " + id + " failed: " + e.getMessage()
                    + ". It is recorded as failed (see evaluation_get); check the target and run it again.");
        } catch (ToolContext.CancelledException e) {
            store.fail(id, "cancelled by the caller");
            throw e;
        } catch (RuntimeException e) {
            store.fail(id, "the run broke off on a server error");
            throw e;
        }
        // false when the cluster reconciler scored the same results first: the run is stored once either way
        EvaluationScoring.complete(store, id, items, benchmark.metric().name(), results);
        return require(scope, id);
    }

    private ModelVersion version(Model model, String requested) {
        if (requested == null || requested.isBlank()) {
            return latest(model);
        }
        String text = requested.trim().toLowerCase(java.util.Locale.ROOT);
        String digits = text.startsWith("v") ? text.substring(1) : text;
        if (!digits.matches("\\d{1,9}")) {
            throw ToolException.invalid("/model_version", "model_version is a version such as v2 (see model_versions).");
        }
        return models.store().version(model.id(), Integer.parseInt(digits)).orElseThrow(() -> new ToolException(
                ToolError.at(ErrorCode.NOT_FOUND, "Model " + model.name() + " has no version " + requested + "; its "
                        + "versions are v1 to " + model.latestVersion() + " (see model_versions).", "/model_version")));
    }

    private ModelVersion latest(Model model) {
        return models.store().version(model.id(), model.latestVersionNumber()).orElseThrow(() -> new ToolException(
                ErrorCode.CONFLICT, "Model " + model.name() + " has no version yet; register one with model_register."));
    }

    private static Map<String, Object> resources(EvaluationRunTool.Resources resources) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (resources != null) {
            if (resources.gpuType() != null) {
                out.put("gpu_type", resources.gpuType().wire());
            }
            if (resources.gpuCount() != null) {
                out.put("gpu_count", resources.gpuCount());
            }
        }
        return out;
    }
}
