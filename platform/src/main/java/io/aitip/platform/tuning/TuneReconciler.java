package io.aitip.platform.tuning;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingService;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves every running tune forward, a step at a time: settles trials whose job ended (scoring
 * them), stops trials the median rule condemns, submits pending trials up to the tune's
 * parallelism, records the best trial, and ends the tune when no trial is left. All state is in
 * the database, so a restarted server (or another replica, after the lease expires) carries on
 * where this one stopped; the lease keeps two reconcilers from stepping one tune at once.
 */
@Component
public class TuneReconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TuneReconciler.class);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final TuneStore store;
    private final TrainingService training;
    private final TrialScores scores;
    private final boolean enabled;
    private final Duration interval;
    private final String owner = Ids.next("tuner");
    private volatile ScheduledExecutorService loop;

    public TuneReconciler(TuneStore store, TrainingService training, TrialScores scores,
                          @Value("${aitip.training.tune.reconciler.enabled:true}") boolean enabled,
                          @Value("${aitip.training.tune.poll-millis:1000}") long pollMillis) {
        this.store = store;
        this.training = training;
        this.scores = scores;
        this.enabled = enabled;
        this.interval = Duration.ofMillis(Math.max(50, pollMillis));
    }

    /** One step of every running tune; returns how many were stepped. */
    public int runOnce() {
        int stepped = 0;
        for (String id : store.running()) {
            try {
                if (step(id)) {
                    stepped++;
                }
            } catch (RuntimeException e) {
                log.warn("tune {}: step failed, retrying on the next pass", id, e);
            }
        }
        return stepped;
    }

    /** One step of one tune; false when another reconciler holds it or it has ended. */
    public boolean step(String tuneId) {
        if (!store.lease(tuneId, owner, LEASE)) {
            return false;
        }
        Tune tune = store.findById(tuneId).orElse(null);
        if (tune == null || !tune.running()) {
            return false;
        }
        TuneSpec spec = tune.spec();
        settle(tune, store.trials(tuneId));
        List<Trial> trials = store.trials(tuneId);
        long running = trials.stream().filter(t -> t.status() == Trial.Status.RUNNING).count();
        for (Trial trial : trials) {
            if (running >= tune.parallelism()) {
                break;
            }
            if (trial.status() == Trial.Status.PENDING) {
                launch(tune, trial);
                running++;
            }
        }
        trials = store.trials(tuneId);
        Integer best = best(trials, spec.minimize());
        if (!java.util.Objects.equals(best, tune.bestTrial())) {
            store.best(tuneId, best);
        }
        if (trials.stream().allMatch(t -> t.status().done())) {
            long ok = trials.stream().filter(t -> t.status() == Trial.Status.SUCCEEDED).count();
            if (best != null) {
                store.finish(tuneId, "succeeded", ok + " of " + trials.size() + " trials finished; the best is trial "
                        + best + ".");
            } else {
                store.finish(tuneId, "failed", "No trial finished with a value of '" + spec.objective().metric()
                        + "'. See the trials' messages and training_logs of their jobs.");
            }
        }
        return true;
    }

    /** Submits a pending trial as a training job; a refused submission fails the trial with the reason. */
    void launch(Tune tune, Trial trial) {
        Scope scope = new Scope(tune.orgId(), tune.projectId(), tune.ownerId());
        try {
            TrainingJob job = training.submit(scope, trialJob(tune.spec().baseJob(), trial.params(),
                    tune.name() + "-trial-" + trial.number(), tune.experimentId()));
            if (!store.updateTrial(tune.id(), trial.number(), job.id(), Trial.Status.RUNNING, null, null, null)) {
                // the tune was stopped meanwhile: its trial must not run on
                training.executor().stop(job);
            }
        } catch (ToolException e) {
            store.updateTrial(tune.id(), trial.number(), null, Trial.Status.FAILED, null, null,
                    "not submitted: " + e.getMessage());
        }
    }

    /** The base job with the trial's values in its config, its own name, in the tune's experiment. */
    static TrainingSubmitTool.Input trialJob(TrainingSubmitTool.Input base, Map<String, Double> params, String name,
                                             String experiment) {
        return new TrainingSubmitTool.Input(name, base.model(), base.dataset(), base.framework(), base.command(),
                base.image(), HyperParameter.apply(base.config(), params), base.resources(), base.distributed(),
                base.nodes(), experiment, base.priority(), base.maxRuntimeMinutes());
    }

    private void settle(Tune tune, List<Trial> trials) {
        TuneSpec spec = tune.spec();
        List<String> finished = new ArrayList<>();
        for (Trial t : trials) {
            if (t.status() == Trial.Status.SUCCEEDED && t.objective() != null && t.jobId() != null) {
                finished.add(t.jobId());
            }
        }
        for (Trial trial : trials) {
            if (trial.status() != Trial.Status.RUNNING) {
                continue;
            }
            Optional<TrainingJob> found = trial.jobId() == null ? Optional.empty()
                    : training.jobs().findById(trial.jobId());
            if (found.isEmpty()) {
                store.updateTrial(tune.id(), trial.number(), null, Trial.Status.FAILED, null, null,
                        "its training job is gone");
                continue;
            }
            TrainingJob job = found.get();
            if (job.status().terminal()) {
                ended(tune, trial, job);
            } else if (job.status() == JobStatus.RUNNING && spec.earlyStopping().rule() == TuneSpec.Rule.MEDIAN) {
                maybeStop(tune, trial, job, finished);
            }
        }
    }

    private void ended(Tune tune, Trial trial, TrainingJob job) {
        TuneSpec.Objective objective = tune.spec().objective();
        Optional<TrialScores.Score> score = scores.score(job.id(), objective);
        Trial.Status status = switch (job.status()) {
            case SUCCEEDED -> Trial.Status.SUCCEEDED;
            case CANCELLED -> Trial.Status.CANCELLED;
            default -> Trial.Status.FAILED;
        };
        String message = job.status() == JobStatus.SUCCEEDED ? null : "job " + job.status().wire()
                + (job.statusMessage() == null ? "" : ": " + job.statusMessage());
        if (status == Trial.Status.SUCCEEDED && score.isEmpty()) {
            status = Trial.Status.FAILED;
            message = "the job succeeded but reported no '" + objective.metric() + "' metric";
        }
        store.updateTrial(tune.id(), trial.number(), null, status, score.map(TrialScores.Score::value).orElse(null),
                score.map(TrialScores.Score::step).orElse(null), message);
    }

    private void maybeStop(Tune tune, Trial trial, TrainingJob job, List<String> finished) {
        TuneSpec spec = tune.spec();
        TuneSpec.EarlyStopping rule = spec.earlyStopping();
        if (finished.size() < rule.minTrials()) {
            return;
        }
        String metric = spec.objective().metric();
        Optional<TrialScores.Score> sofar = scores.bestSoFar(job.id(), metric, spec.minimize());
        if (sofar.isEmpty() || sofar.get().step() < rule.graceSteps()) {
            return;
        }
        long step = sofar.get().step();
        Map<String, Double> averages = scores.runningAverages(finished, metric, step);
        if (!MedianStoppingRule.shouldStop(sofar.get().value(), averages.values(), rule.minTrials(), spec.minimize())) {
            return;
        }
        String why = String.format(Locale.ROOT, "stopped early at step %d: its best %s so far, %.6g, is worse than the "
                        + "median %.6g of %d finished trials' running averages", step, metric, sofar.get().value(),
                MedianStoppingRule.median(averages.values()), averages.size());
        // record first: the job's cancellation must not be read as a plain cancelled trial
        if (store.updateTrial(tune.id(), trial.number(), null, Trial.Status.STOPPED_EARLY, sofar.get().value(), step, why)) {
            try {
                training.executor().stop(job);
            } catch (RuntimeException e) {
                log.warn("tune {}: could not stop trial {} (job {})", tune.id(), trial.number(), job.id(), e);
            }
        }
    }

    /** The number of the best succeeded trial, or null while none has a score. */
    static Integer best(List<Trial> trials, boolean minimize) {
        Trial best = null;
        for (Trial t : trials) {
            if (t.status() != Trial.Status.SUCCEEDED || t.objective() == null) {
                continue;
            }
            if (best == null || (minimize ? t.objective() < best.objective() : t.objective() > best.objective())) {
                best = t;
            }
        }
        return best == null ? null : best.number();
    }

    @Override
    public void start() {
        if (!enabled || loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tune-reconciler");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("tune reconciler pass failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = loop;
        loop = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
