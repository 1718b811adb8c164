package io.aitip.platform.datasets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a search query in English or Chinese into terms for a ranked {@code ILIKE} match: words
 * for alphabetic text, character bigrams for runs of Chinese (which has no spaces), common filler
 * words dropped. At most {@value #MAX_TERMS} terms.
 */
final class SearchTerms {

    static final int MAX_TERMS = 16;

    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "for", "with", "and", "or", "in", "on", "to", "me", "my", "our", "find",
            "search", "show", "list", "about", "dataset", "datasets", "data", "set", "any", "some", "that", "is",
            "数据", "据集", "一个", "有关", "关于", "相关", "查找", "搜索", "找到", "哪些", "有没", "没有", "的数");

    private SearchTerms() {
    }

    static List<String> of(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_.-]+")) {
            addWord(terms, word);
        }
        List<String> out = new ArrayList<>();
        for (String term : terms) {
            if (!STOP.contains(term) && out.size() < MAX_TERMS) {
                out.add(term);
            }
        }
        return out;
    }

    private static void addWord(Set<String> terms, String word) {
        StringBuilder latin = new StringBuilder();
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flushLatin(terms, latin);
                han.append(c);
            } else {
                flushHan(terms, han);
                latin.append(c);
            }
        }
        flushLatin(terms, latin);
        flushHan(terms, han);
    }

    private static void flushLatin(Set<String> terms, StringBuilder latin) {
        String word = latin.toString().replaceAll("^[._-]+|[._-]+$", "");
        if (!word.isEmpty()) {
            terms.add(word);
        }
        latin.setLength(0);
    }

    private static void flushHan(Set<String> terms, StringBuilder han) {
        if (han.length() == 1) {
            terms.add(han.toString());
        }
        for (int i = 0; i + 1 < han.length(); i++) {
            terms.add(han.substring(i, i + 2));
        }
        han.setLength(0);
    }

    /** The term as an {@code ILIKE} pattern matching it anywhere, with wildcards escaped. */
    static String pattern(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
