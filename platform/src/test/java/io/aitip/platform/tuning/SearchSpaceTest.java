package io.aitip.platform.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.platform.training.TrainingConfig;
import io.aitip.tools.model.ToolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trial generation (grid, random, sampling of a large grid), its checks, and the median stopping rule. */
class SearchSpaceTest {

    static TuneSpec.SearchParam values(HyperParameter name, Double... values) {
        return new TuneSpec.SearchParam(name, List.of(values), null, null, null, null);
    }

    static TuneSpec.SearchParam range(HyperParameter name, double min, double max, TuneSpec.Scale scale, Integer points) {
        return new TuneSpec.SearchParam(name, null, min, max, scale, points);
    }

    @Test
    void gridIsEveryCombinationInOrder() {
        List<Map<String, Double>> trials = SearchSpace.trials(List.of(values(HyperParameter.LEARNING_RATE, 0.1, 0.01),
                values(HyperParameter.BATCH_SIZE, 16.0, 32.0, 64.0)), TuneSpec.Algorithm.GRID, null, 1);
        assertThat(trials).hasSize(6);
        assertThat(trials.get(0)).isEqualTo(Map.of("learning_rate", 0.1, "batch_size", 16.0));
        assertThat(trials.get(5)).isEqualTo(Map.of("learning_rate", 0.01, "batch_size", 64.0));
    }

    @Test
    void gridCutsRangesLinearlyOrOnALogScaleAndRoundsIntegers() {
        List<Map<String, Double>> log = SearchSpace.trials(List.of(range(HyperParameter.LEARNING_RATE, 1e-4, 1e-2,
                TuneSpec.Scale.LOG, 3)), TuneSpec.Algorithm.GRID, null, 1);
        assertThat(log).extracting(m -> m.get("learning_rate")).containsExactly(1e-4, 1e-3, 1e-2);
        List<Map<String, Double>> ints = SearchSpace.trials(List.of(range(HyperParameter.EPOCHS, 1, 4, null, 4)),
                TuneSpec.Algorithm.GRID, null, 1);
        assertThat(ints).extracting(m -> m.get("epochs")).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void fewerTrialsThanTheGridSampleASeededSubset() {
        List<TuneSpec.SearchParam> space = List.of(range(HyperParameter.SEED, 0, 99, null, 20),
                values(HyperParameter.EPOCHS, 1.0, 2.0));
        List<Map<String, Double>> a = SearchSpace.trials(space, TuneSpec.Algorithm.GRID, 5, 7);
        assertThat(a).hasSize(5).doesNotHaveDuplicates();
        assertThat(SearchSpace.trials(space, TuneSpec.Algorithm.GRID, 5, 7)).isEqualTo(a);
        assertThatThrownBy(() -> SearchSpace.trials(List.of(range(HyperParameter.SEED, 0, 1000, null, 20),
                range(HyperParameter.EPOCHS, 1, 20, null, 20)), TuneSpec.Algorithm.GRID, null, 1))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.getMessage()).contains("400 combinations"));
    }

    @Test
    void randomDrawsStayInTheRangeAndRepeatWithTheSeed() {
        List<TuneSpec.SearchParam> space = List.of(range(HyperParameter.LEARNING_RATE, 1e-5, 1e-1, TuneSpec.Scale.LOG, null),
                values(HyperParameter.BATCH_SIZE, 16.0, 32.0));
        List<Map<String, Double>> a = SearchSpace.trials(space, TuneSpec.Algorithm.RANDOM, 50, 3);
        assertThat(a).hasSize(50).allSatisfy(t -> {
            assertThat(t.get("learning_rate")).isBetween(1e-5, 1e-1);
            assertThat(t.get("batch_size")).isIn(16.0, 32.0);
        });
        // log-uniform: about half the draws fall below the geometric middle 1e-3
        assertThat(a.stream().filter(t -> t.get("learning_rate") < 1e-3).count()).isBetween(10L, 40L);
        assertThat(SearchSpace.trials(space, TuneSpec.Algorithm.RANDOM, 50, 3)).isEqualTo(a);
        assertThat(SearchSpace.trials(space, TuneSpec.Algorithm.RANDOM, 50, 4)).isNotEqualTo(a);
        assertThat(SearchSpace.trials(space, TuneSpec.Algorithm.RANDOM, null, 3)).as("default 10 trials").hasSize(10);
    }

    @Test
    void badSpacesAreRefusedWithAPointer() {
        assertPointer(List.of(), "/search_space");
        assertPointer(List.of(values(HyperParameter.LEARNING_RATE, 0.1), values(HyperParameter.LEARNING_RATE, 0.2)),
                "/search_space/1/name");
        assertPointer(List.of(values(HyperParameter.LEARNING_RATE, 0.1, 11.0)), "/search_space/0/values/1");
        assertPointer(List.of(range(HyperParameter.BATCH_SIZE, 64, 16, null, null)), "/search_space/0/max");
        assertPointer(List.of(new TuneSpec.SearchParam(HyperParameter.EPOCHS, null, 1.0, null, null, null)),
                "/search_space/0");
        assertPointer(List.of(new TuneSpec.SearchParam(HyperParameter.EPOCHS, List.of(1.0), 1.0, 3.0, null, null)),
                "/search_space/0");
    }

    @Test
    void trialValuesOverrideTheBaseConfig() {
        TrainingConfig base = new TrainingConfig(0.1, 32, 3, null, null, 42, null);
        TrainingConfig applied = HyperParameter.apply(base, Map.of("learning_rate", 0.5, "batch_size", 63.6));
        assertThat(applied).isEqualTo(new TrainingConfig(0.5, 64, 3, null, null, 42, null));
    }

    @Test
    void medianRuleStopsOnlyTrialsBehindTheMedian() {
        List<Double> averages = List.of(0.3, 0.4, 0.5);
        assertThat(MedianStoppingRule.median(averages)).isEqualTo(0.4);
        assertThat(MedianStoppingRule.median(List.of(1.0, 2.0, 3.0, 4.0))).isEqualTo(2.5);
        assertThat(MedianStoppingRule.shouldStop(0.7, averages, 3, true)).isTrue();
        assertThat(MedianStoppingRule.shouldStop(0.35, averages, 3, true)).isFalse();
        assertThat(MedianStoppingRule.shouldStop(0.7, averages, 4, true)).as("too few finished trials").isFalse();
        assertThat(MedianStoppingRule.shouldStop(0.35, averages, 3, false)).as("maximising").isTrue();
    }

    private static void assertPointer(List<TuneSpec.SearchParam> space, String pointer) {
        assertThatThrownBy(() -> SearchSpace.trials(space, TuneSpec.Algorithm.GRID, null, 1))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo(pointer));
    }
}
