package io.aitip.platform.tuning;

import com.fasterxml.jackson.annotation.JsonValue;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.Param;
import java.util.List;
import java.util.Locale;

/**
 * What a hyperparameter search was asked to do, as training_tune takes it and as the tune row
 * stores it (defaults filled in). The nested types are the tool's input shapes.
 */
public record TuneSpec(
        TrainingSubmitTool.Input baseJob,
        List<SearchParam> searchSpace,
        Algorithm algorithm,
        int trials,
        Objective objective,
        EarlyStopping earlyStopping,
        long seed) {

    public enum Algorithm {
        GRID, RANDOM;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Scale {
        LINEAR, LOG;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Goal {
        MINIMIZE, MAXIMIZE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which value of the objective metric scores a trial. */
    public enum Use {
        /** the last reported value */
        LAST,
        /** the best value reported at any step */
        BEST,
        /** the mean of the last tenth of the points: steadier than LAST on noisy per-batch metrics */
        TAIL_MEAN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Rule {
        NONE, MEDIAN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record SearchParam(
            @Param(value = "The hyperparameter to vary (a training config field).", required = true) HyperParameter name,
            @Param(value = "Values to try, e.g. [0.001, 0.01, 0.1]. Give values, or min and max.", maxItems = 50)
            List<Double> values,
            @Param("Lower end of a range (with max).") Double min,
            @Param("Upper end of a range (with min).") Double max,
            @Param("How a range is sampled or cut: linear (default) or log (for learning rates, weight decay).")
            Scale scale,
            @Param(value = "Grid search over a range: how many points to cut it into (default 3).", min = 2, max = 20)
            Integer gridPoints) {
    }

    public record Objective(
            @Param(value = "The metric the trials report that decides the best one (default loss).", minLength = 1,
                    maxLength = 100) String metric,
            @Param("minimize or maximize; default minimize for loss-like names (loss, error, perplexity…), else maximize.")
            Goal goal,
            @Param("Which value scores a trial: last (default), best, or tail_mean (mean of the last tenth of its points).")
            Use use) {
    }

    public record EarlyStopping(
            @Param("median stops a running trial whose best value so far is worse than the median of the finished "
                    + "trials' running averages at the same step (the default once early_stopping is given); none lets every trial "
                    + "finish.") Rule rule,
            @Param(value = "Steps a trial runs before it may be stopped (default 10).", min = 0, max = 100_000_000)
            Integer graceSteps,
            @Param(value = "Finished trials needed before any trial is stopped (default 3).", min = 1, max = 100)
            Integer minTrials) {
    }

    public Goal goal() {
        return objective.goal();
    }

    public boolean minimize() {
        return objective.goal() == Goal.MINIMIZE;
    }
}
