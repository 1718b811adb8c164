package io.aitip.nl.slots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the typed pieces of a sentence that do not depend on the tool: URIs, prefixed ids, quoted
 * names, GPU mentions with their counts, versions, numbers and name-like identifiers. Earlier kinds
 * win where spans overlap. The same scan masks the sentence before embedding.
 */
public final class MentionScanner {

    static final String GPU_TYPE = "(?:nvidia\\s*)?(t4|l4|a10g|a100|h100|h200|rtx\\s*-?4090|4090)(?:s|’s|'s)?";
    private static final String COUNTER = "\\s*(?:x|×|\\*)?\\s*(?:张|块|个|台|片|枚)?\\s*";
    private static final String GPU_WORD = "(?:gpus?|cards?|graphics\\s+cards?|显卡|卡|gpu卡|块卡|张卡)";

    private static final Pattern URI = Pattern.compile("(?i)\\b(?:s3|gs|hf|https?|file|oss|abfs|az|wasbs?)://[^\\s，。；、\"'“”<>()（）]+");
    private static final Pattern ID = Pattern.compile(
            "(?i)(?<![\\w-])(train|ds|mdl|svc|sim|rel|apr|eval|exp|exec|whd|wh|tp|texec|trun|tune|run)-[0-9a-z]{4,32}(?![\\w-])");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"|“([^”]{1,200})”|「([^」]{1,200})」|‘([^’]{1,200})’|《([^》]{1,200})》|(?<![A-Za-z])'([^']{1,200})'");
    private static final Pattern GPU_COUNTED = Pattern.compile("(?i)(?<![\\w.])(" + Numerals.ANY + ")" + COUNTER + GPU_TYPE + "(?:\\s*" + GPU_WORD + ")?");
    private static final Pattern GPU_TIMES = Pattern.compile("(?i)" + GPU_TYPE + "(?:\\s*" + GPU_WORD + ")?\\s*(?:x|×|\\*)\\s*(\\d+)");
    private static final Pattern GPU_ALONE = Pattern.compile("(?i)(?<![a-z0-9])" + GPU_TYPE + "(?![a-z0-9])");
    private static final Pattern GPU_COUNT = Pattern.compile("(?i)(?<![\\w.])(" + Numerals.ANY + ")\\s*(?:张|块|个|片)?\\s*(?:more\\s+)?" + GPU_WORD + "(?![a-z])");
    private static final Pattern SCI = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?[eE]-\\d+(?![\\w.])");
    private static final Pattern VERSION = Pattern.compile("(?i)(?<![\\w-])(?:v(\\d+)|version\\s+(\\d+)|版本\\s*(\\d+)|第\\s*(\\d+)\\s*(?:个)?版本?)(?![\\w-])");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![\\w.@/-])(?:[A-Za-z][A-Za-z0-9]*(?:[-_./][A-Za-z0-9]+)+|[A-Za-z]+\\d+[A-Za-z0-9]*|[A-Za-z]*\\d+[A-Za-z]+[A-Za-z0-9]*)(?![\\w/-])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])\\d+(?:\\.\\d+)?(?![\\w.])");

    private MentionScanner() {
    }

    public static List<Mention> scan(String text) {
        List<Mention> found = new ArrayList<>();
        add(found, URI, text, m -> new Mention(Mention.Kind.URI, m.start(), m.end(), trimUri(m.group()), null));
        add(found, ID, text, m -> new Mention(Mention.Kind.ID, m.start(), m.end(), m.group().toLowerCase(Locale.ROOT),
                m.group(1).toLowerCase(Locale.ROOT)));
        add(found, QUOTED, text, m -> new Mention(Mention.Kind.QUOTED, m.start(), m.end(), firstGroup(m), null));
        add(found, GPU_COUNTED, text, m -> {
            Integer count = Numerals.parseInt(m.group(1));
            return count == null ? null : new Mention(Mention.Kind.GPU, m.start(), m.end(), gpu(m.group(2)), String.valueOf(count));
        });
        add(found, GPU_TIMES, text, m -> new Mention(Mention.Kind.GPU, m.start(), m.end(), gpu(m.group(1)), m.group(2)));
        add(found, GPU_ALONE, text, m -> new Mention(Mention.Kind.GPU, m.start(), m.end(), gpu(m.group(1)), null));
        add(found, GPU_COUNT, text, m -> {
            Integer count = Numerals.parseInt(m.group(1));
            return count == null ? null : new Mention(Mention.Kind.GPU_COUNT, m.start(), m.end(), String.valueOf(count), null);
        });
        add(found, SCI, text, m -> new Mention(Mention.Kind.SCI_NUMBER, m.start(), m.end(), m.group(), null));
        add(found, VERSION, text, m -> new Mention(Mention.Kind.VERSION, m.start(), m.end(), "v" + firstGroup(m), null));
        add(found, IDENTIFIER, text, m -> new Mention(Mention.Kind.IDENTIFIER, m.start(), m.end(), trimIdentifier(m.group()), null));
        add(found, NUMBER, text, m -> new Mention(Mention.Kind.NUMBER, m.start(), m.end(), m.group(), null));
        found.sort(Comparator.comparingInt(Mention::start));
        return found;
    }

    private interface Builder {
        Mention build(Matcher matcher);
    }

    private static void add(List<Mention> found, Pattern pattern, String text, Builder builder) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            if (found.stream().anyMatch(m -> m.overlaps(start, end))) {
                continue;
            }
            Mention mention = builder.build(matcher);
            if (mention != null) {
                found.add(mention);
            }
        }
    }

    private static String firstGroup(Matcher m) {
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return m.group(i);
            }
        }
        return m.group();
    }

    static String gpu(String raw) {
        String type = raw.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        return type.equals("4090") ? "rtx4090" : type;
    }

    private static String trimUri(String uri) {
        return uri.replaceAll("[.,;:!?)]+$", "");
    }

    private static String trimIdentifier(String identifier) {
        return identifier.replaceAll("[._/-]+$", "");
    }
}
