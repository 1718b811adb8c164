package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Variations users put around a request, applied to an example's masked text for the head's training:
 * politeness and wrapper words before and after it, dropped articles or particles, and in English a
 * one-character typo in a longer word. Only the words change (the sentence vector stays the example's),
 * so the head learns that these words say nothing about the tool, at no embedding cost.
 */
final class Perturbation {

    private static final String[] EN_BEFORE = {"can you", "could you please", "please", "i'd like to", "i want to", "i need to",
            "help me", "quickly", "hey,", "would you", "let's", "go ahead and", "i wanna", "pls"};
    private static final String[] EN_AFTER = {"please", "for me", "now", "quickly", "thanks", "asap", "right away", "?",
            "if you can", "when you get a chance"};
    private static final Set<String> EN_DROPPABLE = Set.of("the", "a", "an", "my", "our", "of", "for", "to");
    private static final String[] ZH_BEFORE = {"请", "帮我", "我想", "麻烦", "请帮我", "能不能", "我要", "可以", "帮忙", "你能"};
    private static final String[] ZH_AFTER = {"一下", "吧", "呢", "吗", "谢谢", "好吗", "一下吧", "呀"};
    private static final String[] ZH_DROPPABLE = {"的", "了", "一下", "请", "把"};

    private Perturbation() {
    }

    static String of(String masked, Language language, Random random) {
        return language == Language.ZH ? zh(masked, random) : en(masked, random);
    }

    private static String en(String masked, Random random) {
        List<String> words = new ArrayList<>(List.of(masked.trim().split("\\s+")));
        words.removeIf(w -> EN_DROPPABLE.contains(w.toLowerCase()) && random.nextDouble() < 0.5);
        if (!words.isEmpty() && random.nextDouble() < 0.3) {
            int i = random.nextInt(words.size());
            words.set(i, typo(words.get(i), random));
        }
        String text = String.join(" ", words);
        if (random.nextDouble() < 0.6) {
            text = EN_BEFORE[random.nextInt(EN_BEFORE.length)] + " " + text;
        }
        if (random.nextDouble() < 0.4) {
            text = text + " " + EN_AFTER[random.nextInt(EN_AFTER.length)];
        }
        return text;
    }

    /** One edit (drop, double, swap) inside a lowercase word of six letters or more. */
    private static String typo(String word, Random random) {
        if (word.length() < 6 || !word.chars().allMatch(Character::isLowerCase)) {
            return word;
        }
        int i = 1 + random.nextInt(word.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, i) + word.substring(i + 1);
            case 1 -> word.substring(0, i) + word.charAt(i) + word.substring(i);
            default -> word.substring(0, i - 1) + word.charAt(i) + word.charAt(i - 1) + word.substring(i + 1);
        };
    }

    private static String zh(String masked, Random random) {
        String text = masked.trim();
        for (String particle : ZH_DROPPABLE) {
            if (text.contains(particle) && random.nextDouble() < 0.5) {
                text = text.replaceFirst(particle, "");
            }
        }
        if (random.nextDouble() < 0.6) {
            text = ZH_BEFORE[random.nextInt(ZH_BEFORE.length)] + text;
        }
        if (random.nextDouble() < 0.4) {
            text = text + ZH_AFTER[random.nextInt(ZH_AFTER.length)];
        }
        return text;
    }
}
