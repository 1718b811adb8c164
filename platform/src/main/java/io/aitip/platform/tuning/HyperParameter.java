package io.aitip.platform.tuning;

import com.fasterxml.jackson.annotation.JsonValue;
import io.aitip.platform.training.TrainingConfig;
import java.util.Locale;
import java.util.Map;

/**
 * The hyperparameters a search may vary: the fields of {@link TrainingConfig}, with the same bounds,
 * so every trial's config is one that training_submit would accept. Integer fields are rounded.
 */
public enum HyperParameter {
    LEARNING_RATE(0, 10, false),
    BATCH_SIZE(1, 1_000_000, true),
    EPOCHS(1, 10_000, true),
    WARMUP_STEPS(0, 10_000_000, true),
    WEIGHT_DECAY(0, 10, false),
    SEED(0, 2_147_483_647, true),
    MAX_STEPS(1, 100_000_000, true);

    private final double min;
    private final double max;
    private final boolean integer;

    HyperParameter(double min, double max, boolean integer) {
        this.min = min;
        this.max = max;
        this.integer = integer;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean integer() {
        return integer;
    }

    /** A value as this parameter takes it: rounded for integer parameters. */
    public double normalise(double value) {
        return integer ? Math.rint(value) : value;
    }

    public static HyperParameter parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The base config with the trial's values set on top. */
    public static TrainingConfig apply(TrainingConfig base, Map<String, Double> values) {
        TrainingConfig c = base == null ? TrainingConfig.empty() : base;
        Double lr = values.containsKey("learning_rate") ? values.get("learning_rate") : c.learningRate();
        Integer batch = intOr(values.get("batch_size"), c.batchSize());
        Integer epochs = intOr(values.get("epochs"), c.epochs());
        Integer warmup = intOr(values.get("warmup_steps"), c.warmupSteps());
        Double decay = values.containsKey("weight_decay") ? values.get("weight_decay") : c.weightDecay();
        Integer seed = intOr(values.get("seed"), c.seed());
        Integer maxSteps = intOr(values.get("max_steps"), c.maxSteps());
        return new TrainingConfig(lr, batch, epochs, warmup, decay, seed, maxSteps);
    }

    private static Integer intOr(Double value, Integer otherwise) {
        return value == null ? otherwise : Integer.valueOf((int) Math.rint(value));
    }
}
