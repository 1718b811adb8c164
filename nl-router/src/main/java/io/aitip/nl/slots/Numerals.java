package io.aitip.nl.slots;

import java.util.Map;
import java.util.regex.Pattern;

/** Numbers written as digits, English words or Chinese numerals ("4", "four", "四", "两", "十二", "1.5k"). */
public final class Numerals {

    private static final Map<String, Integer> ENGLISH = Map.ofEntries(
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("single", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("sixteen", 16), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("fifty", 50), Map.entry("hundred", 100), Map.entry("couple", 2));

    /** A number in any of the supported spellings, as a regex fragment (one group-free alternative). */
    public static final String ANY = "(?:\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?[kK]?|[零一二两三四五六七八九十百千]+"
            + "|(?i:\\b(?:a|an|one|single|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|twenty|thirty|fifty|hundred)\\b))";

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?[kK]?");

    private Numerals() {
    }

    /** The value of a number written in any supported spelling, or null. */
    public static Double parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (DIGITS.matcher(t).matches()) {
            boolean thousands = t.endsWith("k") || t.endsWith("K");
            double value = Double.parseDouble(thousands ? t.substring(0, t.length() - 1) : t);
            return thousands ? value * 1000 : value;
        }
        Integer word = ENGLISH.get(t.toLowerCase(java.util.Locale.ROOT));
        if (word != null) {
            return word.doubleValue();
        }
        return chinese(t);
    }

    public static Integer parseInt(String text) {
        Double value = parse(text);
        return value == null || value != Math.rint(value) ? null : value.intValue();
    }

    /** 一 … 九千九百九十九, with 两 for 2 and a leading 十 meaning ten. */
    private static Double chinese(String t) {
        int total = 0;
        int digit = -1;
        boolean any = false;
        for (char c : t.toCharArray()) {
            int d = "零一二三四五六七八九".indexOf(c);
            if (c == '两') {
                d = 2;
            }
            if (d >= 0) {
                digit = d;
                any = true;
                continue;
            }
            int unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> -1;
            };
            if (unit < 0) {
                return null;
            }
            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
            any = true;
        }
        if (!any) {
            return null;
        }
        return (double) (total + Math.max(digit, 0));
    }
}
