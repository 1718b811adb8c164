package io.aitip.platform.tuning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A search as the tools return it: where it stands, the best trial so far, and every trial. */
public record TuneView(
        String tuneId,
        String name,
        String status,
        String statusMessage,
        String experimentId,
        String algorithm,
        Objective objective,
        int parallelism,
        int trialsPlanned,
        Map<String, Integer> trialCounts,
        TrialView best,
        List<TrialView> trials,
        Instant createdAt,
        Instant endedAt,
        String next) {

    public record Objective(String metric, String goal, String use) {
    }

    public record TrialView(int number, Map<String, Double> params, String jobId, String status, Double objective,
                            Long objectiveStep, String message) {

        static TrialView of(Trial t) {
            return new TrialView(t.number(), t.params(), t.jobId(), t.status().wire(), t.objective(), t.objectiveStep(),
                    t.message());
        }
    }

    public static TuneView of(Tune tune, List<Trial> trials) {
        Map<String, Integer> counts = new TreeMap<>();
        TrialView best = null;
        for (Trial t : trials) {
            counts.merge(t.status().wire(), 1, Integer::sum);
            if (tune.bestTrial() != null && t.number() == tune.bestTrial()) {
                best = TrialView.of(t);
            }
        }
        TuneSpec spec = tune.spec();
        String next = tune.running()
                ? "Call training_tune_get with tune_id " + tune.id() + " (wait_seconds to block) until it ends."
                : best != null ? "Compare the trials with experiment_compare, or register the best with model_register "
                + "job_id " + best.jobId() + "." : "See the trials' messages, and training_logs of their jobs.";
        return new TuneView(tune.id(), tune.name(), tune.status(), tune.statusMessage(), tune.experimentId(),
                spec.algorithm().wire(), new Objective(spec.objective().metric(), spec.objective().goal().wire(),
                spec.objective().use().wire()), tune.parallelism(), trials.size(), counts, best,
                trials.stream().map(TrialView::of).toList(), tune.createdAt(), tune.endedAt(), next);
    }
}
