package io.aitip.nl.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typos are mended against the example store's words, and only typos. */
class SpellingTest {

    private final Spelling spelling = new Spelling(List.of("train name on name with n gpus", "stop job-id",
            "register the dataset name at uri", "list experiments", "show the logs of job-id", "tune the learning rate of name"));

    @Test
    void oneEditAwayFromAKnownWordIsMended() {
        assertThat(spelling.correct("trian name on name")).isEqualTo("train name on name");
        assertThat(spelling.correct("stpo job-id")).isEqualTo("stop job-id");
        assertThat(spelling.correct("registr the datset name at uri")).isEqualTo("register the dataset name at uri");
        assertThat(spelling.correct("show experimetns")).isEqualTo("show experiments");
    }

    @Test
    void knownWordsShortWordsChineseAndPlaceholdersStay() {
        assertThat(spelling.correct("tune the learning rate of name")).isEqualTo("tune the learning rate of name");
        assertThat(spelling.correct("lst job-id")).isEqualTo("lst job-id");
        assertThat(spelling.correct("停止训练任务 job-id")).isEqualTo("停止训练任务 job-id");
        assertThat(spelling.correct("completely unrelated words")).isEqualTo("completely unrelated words");
    }

    @Test
    void realWordsOfTheDictionaryAreNotMendedIntoStoreWords() {
        Spelling withDictionary = new Spelling(List.of("would you list the fine-tuned models", "tell me the status"),
                java.util.Set.of("could", "file", "well"));
        assertThat(withDictionary.correct("could you put the file somewhere")).isEqualTo("could you put the file somewhere");
        assertThat(withDictionary.correct("how well does it do")).isEqualTo("how well does it do");
        assertThat(withDictionary.correct("tel me the satus")).isEqualTo("tel me the status");
    }

    @Test
    void editDistanceOfOne() {
        assertThat(Spelling.oneEdit("trian", "train")).isTrue();
        assertThat(Spelling.oneEdit("datset", "dataset")).isTrue();
        assertThat(Spelling.oneEdit("stop", "step")).isTrue();
        assertThat(Spelling.oneEdit("stop", "stop")).isFalse();
        assertThat(Spelling.oneEdit("stop", "post")).isFalse();
        assertThat(Spelling.oneEdit("abcd", "abdc")).isTrue();
        assertThat(Spelling.oneEdit("abcd", "badc")).isFalse();
    }
}
