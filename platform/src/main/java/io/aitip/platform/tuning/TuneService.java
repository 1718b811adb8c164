package io.aitip.platform.tuning;

import io.aitip.platform.experiments.MetricKind;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingService;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Starting, reading and stopping hyperparameter searches. */
@Service
public class TuneService {

    static final int DEFAULT_PARALLELISM = 2;

    private final TuneStore store;
    private final TrainingService training;
    private final TuneReconciler reconciler;

    public TuneService(TuneStore store, TrainingService training, TuneReconciler reconciler) {
        this.store = store;
        this.training = training;
        this.reconciler = reconciler;
    }

    /**
     * Checks the search, submits its first trial (so a base job the executor refuses fails the call
     * and stores nothing), stores the tune with its trials and launches up to {@code parallelism} trials.
     */
    public Tune create(Scope scope, TrainingTuneTool.Input in) {
        if (in.baseJob() == null) {
            throw ToolException.invalid("/base_job", "Give the base job: at least its model, e.g. {\"model\": \"example-mlp\"}.");
        }
        TuneSpec.Algorithm algorithm = in.algorithm() == null ? TuneSpec.Algorithm.GRID : in.algorithm();
        long seed = in.seed() == null ? 42 : in.seed();
        List<Map<String, Double>> trials = SearchSpace.trials(in.searchSpace(), algorithm, in.trials(), seed);
        TuneSpec.Objective objective = objective(in.objective());
        TuneSpec.EarlyStopping stopping = stopping(in.earlyStopping());
        int parallelism = in.parallelism() == null ? DEFAULT_PARALLELISM : in.parallelism();
        TuneSpec spec = new TuneSpec(in.baseJob(), in.searchSpace(), algorithm, trials.size(), objective, stopping, seed);

        String id = Ids.next("tune");
        String name = in.name() != null && !in.name().isBlank() ? in.name().trim()
                : "tune-" + in.baseJob().model().replaceAll(".*/", "") + "-" + id.substring(5);
        String experiment = in.baseJob().experiment() != null ? in.baseJob().experiment().trim() : name;
        // the first trial goes first: the executor's refusal (GPUs, dataset, options) is the caller's error
        TrainingJob first;
        try {
            first = training.submit(scope, TuneReconciler.trialJob(in.baseJob(), trials.get(0), name + "-trial-1",
                    experiment));
        } catch (ToolException e) {
            ToolError error = e.error();
            throw error.pointer() == null ? e : new ToolException(ToolError.at(error.code(), error.message(),
                    "/base_job" + error.pointer()));
        }
        store.insert(new Tune(id, scope.orgId(), scope.projectId(), scope.userId(), name, first.experimentId(), spec,
                parallelism, "running", null, null, null, null), trials);
        store.updateTrial(id, 1, first.id(), Trial.Status.RUNNING, null, null, null);
        reconciler.step(id);
        return store.findById(id).orElseThrow();
    }

    public Tune require(Scope scope, String tuneId) {
        return store.find(scope, tuneId).orElseThrow(() -> ToolException.notFound("Tune", tuneId,
                "Check the id (tune-…) returned by training_tune."));
    }

    public List<Trial> trials(Tune tune) {
        return store.trials(tune.id());
    }

    /** Ends a running search: pending trials are cancelled and running ones stopped. */
    public Tune stop(Scope scope, String tuneId) {
        Tune tune = require(scope, tuneId);
        if (!store.finish(tune.id(), "cancelled", "stopped by the user")) {
            throw new ToolException(ErrorCode.CONFLICT, "Tune " + tune.id() + " already " + tune.status()
                    + "; there is nothing to stop. See training_tune_get for its result.");
        }
        for (Trial trial : store.trials(tune.id())) {
            if (trial.status().done()) {
                continue;
            }
            store.updateTrial(tune.id(), trial.number(), null, Trial.Status.CANCELLED, null, null, "the tune was stopped");
            if (trial.jobId() != null) {
                training.jobs().findById(trial.jobId()).filter(j -> !j.status().terminal())
                        .ifPresent(j -> training.executor().stop(j));
            }
        }
        return store.findById(tune.id()).orElseThrow();
    }

    private static TuneSpec.Objective objective(TuneSpec.Objective in) {
        String metric = in == null || in.metric() == null || in.metric().isBlank() ? "loss" : in.metric().trim();
        TuneSpec.Goal goal = in != null && in.goal() != null ? in.goal()
                : MetricKind.lowerIsBetter(metric) ? TuneSpec.Goal.MINIMIZE : TuneSpec.Goal.MAXIMIZE;
        TuneSpec.Use use = in != null && in.use() != null ? in.use() : TuneSpec.Use.LAST;
        return new TuneSpec.Objective(metric, goal, use);
    }

    private static TuneSpec.EarlyStopping stopping(TuneSpec.EarlyStopping in) {
        if (in == null) {
            return new TuneSpec.EarlyStopping(TuneSpec.Rule.NONE, 10, 3);
        }
        return new TuneSpec.EarlyStopping(in.rule() == null ? TuneSpec.Rule.MEDIAN : in.rule(),
                in.graceSteps() == null ? 10 : in.graceSteps(), in.minTrials() == null ? 3 : in.minTrials());
    }
}
