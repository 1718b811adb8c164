package io.aitip.platform.training;

import io.aitip.tools.model.Param;

/**
 * Hyperparameters of a job. The executor passes each one set to the process as
 * {@code AITIP_HP_<NAME>} (e.g. {@code AITIP_HP_LEARNING_RATE}); the bundled example trainer reads them.
 */
public record TrainingConfig(
        @Param(value = "Learning rate, e.g. 0.001.", min = 0, max = 10) Double learningRate,
        @Param(value = "Examples per step.", min = 1, max = 1_000_000) Integer batchSize,
        @Param(value = "Passes over the dataset.", min = 1, max = 10_000) Integer epochs,
        @Param(value = "Steps of linear learning-rate warm-up.", min = 0, max = 10_000_000) Integer warmupSteps,
        @Param(value = "L2 weight decay, e.g. 0.01.", min = 0, max = 10) Double weightDecay,
        @Param(value = "Random seed for reproducible runs.", min = 0, max = 2_147_483_647) Integer seed,
        @Param(value = "Stop after this many optimizer steps in total.", min = 1, max = 100_000_000) Integer maxSteps) {

    public static TrainingConfig empty() {
        return new TrainingConfig(null, null, null, null, null, null, null);
    }
}
