package io.aitip.nl.intent;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends English typos against the words of the example store before a sentence is compared:
 * a word of four letters or more that no example uses becomes the most frequent known word one
 * edit away (a letter in, out, changed, or two neighbours swapped: "trian" → "train", "datset" →
 * "dataset", "stpo" → "stop"). Words the store knows are never touched, and neither are real English
 * words it does not use (the English model's vocabulary): a new phrasing's "file", "could" or "well"
 * must not become "fine", "would" or "tell". Chinese is left as is.
 */
final class Spelling {

    private static final Pattern WORD = Pattern.compile("(?<![a-z0-9_-])[a-z]{4,}(?![a-z0-9_-])");
    private static final Pattern LETTERS = Pattern.compile("[a-z]+");

    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> dictionary;

    Spelling(Collection<String> maskedTexts) {
        this(maskedTexts, Set.of());
    }

    /** @param dictionary real words that are never mended (beside the store's own) */
    Spelling(Collection<String> maskedTexts, Set<String> dictionary) {
        this.dictionary = dictionary;
        for (String text : maskedTexts) {
            Matcher m = LETTERS.matcher(text);
            while (m.find()) {
                counts.merge(m.group(), 1, Integer::sum);
            }
        }
    }

    String correct(String masked) {
        Matcher m = WORD.matcher(masked);
        StringBuilder out = null;
        int at = 0;
        while (m.find()) {
            String word = m.group();
            if (counts.containsKey(word) || dictionary.contains(word)) {
                continue;
            }
            String best = null;
            int bestCount = 0;
            for (Map.Entry<String, Integer> known : counts.entrySet()) {
                String candidate = known.getKey();
                if (candidate.length() >= 3 && Math.abs(candidate.length() - word.length()) <= 1 && oneEdit(word, candidate)
                        && known.getValue() > bestCount) {
                    best = candidate;
                    bestCount = known.getValue();
                }
            }
            if (best != null) {
                if (out == null) {
                    out = new StringBuilder(masked.length());
                }
                out.append(masked, at, m.start()).append(best);
                at = m.end();
            }
        }
        return out == null ? masked : out.append(masked.substring(at)).toString();
    }

    /** One insertion, deletion, substitution or swap of neighbours apart (the words differ). */
    static boolean oneEdit(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (++diffs == 1) {
                        first = i;
                    } else if (diffs > 2) {
                        return false;
                    }
                }
            }
            if (diffs == 1) {
                return true;
            }
            return first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return longer.substring(i + 1).equals(shorter.substring(i));
    }
}
