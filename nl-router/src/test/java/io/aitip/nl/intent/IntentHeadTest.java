package io.aitip.nl.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.embed.Language;
import io.aitip.nl.embed.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The learned head on small hand-made vectors (no model): it is deterministic, it tells apart
 * tools whose examples differ by a direction, and a tenant's learned example still wins.
 */
class IntentHeadTest {

    private static final int DIMS = 16;

    /** Unit vector near axis {@code axis}, with a little seeded noise. */
    private static float[] near(int axis, Random random) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) (random.nextGaussian() * 0.15);
        }
        v[axis] += 1;
        return Vectors.normalize(v);
    }

    private static IntentIndex index() {
        return index(HeadTraining.DEFAULT);
    }

    /** {@code training}: the hand-made terms here are not the texts' words, which perturbed copies would read. */
    private static IntentIndex index(HeadTraining training) {
        Random random = new Random(1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            examples.add(new Example("dataset_lineage", Language.EN, "lineage " + i, Set.of("lineage", "upstream"), near(0, random), "store"));
            examples.add(new Example("dataset_version", Language.EN, "version " + i, Set.of("version", "new"), near(1, random), "store"));
            examples.add(new Example(null, Language.EN, "weather " + i, Set.of("weather"), near(2, random), "store"));
        }
        Lexical lexical = new Lexical();
        lexical.fit(examples.stream().map(Example::terms).toList());
        return new IntentIndex(examples, lexical, new Spelling(List.of()), training);
    }

    @Test
    void trainingIsDeterministicAndProbabilitiesSumToOne() {
        IntentIndex first = index();
        IntentIndex second = index();
        float[] query = near(0, new Random(5));
        List<Scored> a = first.rank(Language.EN, query, Set.of("lineage"), List.of(), t -> true, 0.8, 1, 0.5);
        List<Scored> b = second.rank(Language.EN, query, Set.of("lineage"), List.of(), t -> true, 0.8, 1, 0.5);
        assertThat(a).isEqualTo(b);
        Lexical lexical = new Lexical();
        Map<String, Double> p = IntentHead.train(first.examples(), Language.EN, lexical).probabilities(query, Set.of(), lexical);
        assertThat(p.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p).containsKeys("dataset_lineage", "dataset_version", "");
    }

    @Test
    void theHeadLeansTowardsTheToolWhoseDirectionTheSentenceTakes() {
        IntentIndex index = index(new HeadTraining(10, 1e-4f, 0, 0, 0));
        // halfway between the two tools, a little towards lineage: the head makes the lean decisive
        float[] query = new float[DIMS];
        query[0] = 0.75f;
        query[1] = 0.66f;
        query = Vectors.normalize(query);
        List<Scored> plain = index.rank(Language.EN, query, Set.of(), List.of(), t -> true, 1.0, 1, 0);
        List<Scored> blended = index.rank(Language.EN, query, Set.of(), List.of(), t -> true, 1.0, 1, 0.5);
        assertThat(blended.get(0).tool()).isEqualTo("dataset_lineage");
        double plainGap = plain.get(0).score() - plain.get(1).score();
        double blendedGap = blended.get(0).score() - blended.get(1).score();
        assertThat(blendedGap).isGreaterThan(plainGap);
        assertThat(blended.get(0).similarity()).isEqualTo(plain.stream().filter(s -> "dataset_lineage".equals(s.tool()))
                .findFirst().orElseThrow().similarity());
    }

    @Test
    void aLearnedExampleNearerThanEveryShippedOneWinsOverTheHead() {
        IntentIndex index = index();
        float[] query = near(1, new Random(9));   // reads like dataset_version to the head
        Example taught = new Example("dataset_lineage", Language.EN, "the tenant's phrasing", Set.of("version"), query.clone(),
                "learned:1");
        List<Scored> without = index.rank(Language.EN, query, Set.of("version"), List.of(), t -> true, 0.8, 3, 0.5);
        List<Scored> with = index.rank(Language.EN, query, Set.of("version"), List.of(taught), t -> true, 0.8, 3, 0.5);
        assertThat(without.get(0).tool()).isEqualTo("dataset_version");
        assertThat(with.get(0).tool()).isEqualTo("dataset_lineage");
    }
}
