package io.aitip.nl.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.intent.IntentClassifier.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Out of scope and "A or B?" from a ranking (IntentClassifier.decide), with the head-sure floor. */
class IntentDecisionTest {

    private static final double MIN = 0.65;
    private static final double SURE = 0.60;
    private static final double MARGIN = 0.002;

    private static Scored tool(String name, double score, double similarity, double probability) {
        return new Scored(name, score, "an example", similarity, probability);
    }

    @Test
    void aCloseEnoughIntentIsInScope() {
        Decision d = IntentClassifier.decide(List.of(tool("model_get", 0.8, 0.70, 0.3), tool("model_list", 0.5, 0.6, 0.2)), MIN, MARGIN, SURE);
        assertThat(d.outOfScope()).isFalse();
        assertThat(d.ambiguous()).isFalse();
    }

    @Test
    void belowMinScoreTheHeadMustBeSureToKeepItInScope() {
        List<Scored> sure = List.of(tool("model_get", 0.7, 0.62, 0.8), tool("dataset_lineage", 0.45, 0.65, 0.1));
        List<Scored> unsure = List.of(tool("model_get", 0.55, 0.62, 0.5), tool("dataset_lineage", 0.45, 0.65, 0.3));
        assertThat(IntentClassifier.decide(sure, MIN, MARGIN, SURE).outOfScope()).isFalse();
        assertThat(IntentClassifier.decide(unsure, MIN, MARGIN, SURE).outOfScope()).isTrue();
        // without a sure floor (the three-argument rule) both are out of scope
        assertThat(IntentClassifier.decide(sure, MIN, MARGIN).outOfScope()).isTrue();
    }

    @Test
    void belowTheSureFloorOrWithTheOutOfScopeClassOnTopItIsOutOfScope() {
        assertThat(IntentClassifier.decide(List.of(tool("model_get", 0.7, 0.58, 0.9)), MIN, MARGIN, SURE).outOfScope()).isTrue();
        assertThat(IntentClassifier.decide(List.of(tool(null, 0.7, 0.9, 0.9), tool("model_get", 0.6, 0.8, 0.1)), MIN, MARGIN, SURE)
                .outOfScope()).isTrue();
    }

    @Test
    void aSureFloorAboveMinScoreNeverRaisesTheBar() {
        assertThat(IntentClassifier.decide(List.of(tool("model_get", 0.7, 0.66, 0.9)), MIN, MARGIN, 0.7).outOfScope()).isFalse();
    }

    @Test
    void twoIntentsWithinTheMarginAreAskedAbout() {
        Decision d = IntentClassifier.decide(List.of(tool("simulation_get", 0.701, 0.8, 0.4), tool("simulation_report", 0.700, 0.8, 0.4)),
                MIN, MARGIN, SURE);
        assertThat(d.outOfScope()).isFalse();
        assertThat(d.ambiguous()).isTrue();
    }
}
