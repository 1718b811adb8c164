package io.aitip.nl.intent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word overlap beside the embeddings: English words (lightly stemmed, stop words dropped) and
 * Chinese character bigrams, weighted by inverse document frequency over the example store. It
 * catches the domain words a small general model blurs (stop vs. get, 日志 vs. 指标).
 */
final class Lexical {

    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "is", "are",
            "me", "my", "i", "please", "can", "you", "it", "its", "with", "what", "which", "this", "that", "be", "do", "does",
            "we", "our", "us", "at", "by", "from", "as", "n", "name", "all", "some", "any");

    private final Map<String, Double> idf = new HashMap<>();
    private double defaultIdf = 1;

    void fit(List<Set<String>> documents) {
        Map<String, Integer> df = new HashMap<>();
        for (Set<String> doc : documents) {
            doc.forEach(term -> df.merge(term, 1, Integer::sum));
        }
        int n = Math.max(1, documents.size());
        df.forEach((term, count) -> idf.put(term, Math.log(1.0 + n / (double) count)));
        defaultIdf = Math.log(1.0 + n);
    }

    static Set<String> terms(String masked) {
        Set<String> terms = new HashSet<>();
        StringBuilder han = new StringBuilder();
        for (String token : masked.split("[^\\p{L}\\p{N}_-]+")) {
            if (token.isEmpty()) {
                continue;
            }
            han.setLength(0);
            StringBuilder latin = new StringBuilder();
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    flushLatin(latin, terms);
                    han.append(c);
                } else {
                    flushHan(han, terms);
                    latin.append(c);
                }
            }
            flushLatin(latin, terms);
            flushHan(han, terms);
        }
        return terms;
    }

    private static void flushLatin(StringBuilder latin, Set<String> terms) {
        if (latin.length() > 0) {
            String word = stem(latin.toString());
            if (!STOP.contains(word) && word.length() > 1) {
                terms.add(word);
            }
            latin.setLength(0);
        }
    }

    private static void flushHan(StringBuilder han, Set<String> terms) {
        if (han.length() == 1) {
            terms.add(han.toString());
        }
        for (int i = 0; i + 1 < han.length(); i++) {
            terms.add(han.substring(i, i + 2));
        }
        han.setLength(0);
    }

    private static String stem(String word) {
        if (word.length() > 5 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 4 && word.endsWith("ed")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 4 && word.endsWith("es") && !word.endsWith("ses")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** IDF-weighted cosine of two term sets. */
    double similarity(Set<String> a, Set<String> b) {
        return similarity(a, norm(a), b, norm(b));
    }

    /**
     * IDF-weighted cosine when both sets' {@link #norm}s are known: the index keeps its examples'
     * norms and the query's is taken once per request, so only the shared terms are looked up here.
     */
    double similarity(Set<String> a, double normA, Set<String> b, double normB) {
        if (normA == 0 || normB == 0) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        double shared = 0;
        for (String term : small) {
            if (large.contains(term)) {
                double w = weight(term);
                shared += w * w;
            }
        }
        return shared / (normA * normB);
    }

    /** The IDF-weighted length of a term set (0 for none). */
    double norm(Set<String> terms) {
        double sum = 0;
        for (String term : terms) {
            double w = weight(term);
            sum += w * w;
        }
        return Math.sqrt(sum);
    }

    double weight(String term) {
        return idf.getOrDefault(term, defaultIdf);
    }
}
