package io.aitip.nl.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.embed.Language;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The head's training variations: seeded, around the request's words, never replacing them wholesale. */
class PerturbationTest {

    @Test
    void englishVariationsWrapTheRequestAndKeepMostOfItsWords() {
        Random random = new Random(3);
        Set<String> seen = new HashSet<>();
        int intact = 0;
        for (int i = 0; i < 50; i++) {
            String varied = Perturbation.of("show the lineage of dataset name", Language.EN, random);
            seen.add(varied);
            assertThat(varied).contains("show").contains("name");   // short words never get a typo
            intact += varied.contains("lineage") && varied.contains("dataset") ? 1 : 0;
        }
        assertThat(seen).hasSizeGreaterThan(10);
        assertThat(intact).isBetween(30, 49);   // a typo in some, most as written
        assertThat(Perturbation.of("show the lineage of dataset name", Language.EN, new Random(5)))
                .isEqualTo(Perturbation.of("show the lineage of dataset name", Language.EN, new Random(5)));
    }

    @Test
    void chineseVariationsAddPolitenessAndParticlesAroundTheRequest() {
        Random random = new Random(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String varied = Perturbation.of("查看数据集name的血缘", Language.ZH, random);
            seen.add(varied);
            assertThat(varied).contains("数据集name").contains("血缘");
        }
        assertThat(seen).anyMatch(s -> s.startsWith("请") || s.startsWith("帮我") || s.startsWith("麻烦"));
        assertThat(seen).hasSizeGreaterThan(5);
    }
}
