package io.aitip.nl.slots;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sentence being read: its mentions and the spans already used by a slot (a span fills one slot). */
final class Sentence {

    final String text;
    final List<Mention> mentions;
    private final List<int[]> used = new ArrayList<>();

    Sentence(String text) {
        this.text = text;
        this.mentions = MentionScanner.scan(text);
    }

    boolean free(int start, int end) {
        return used.stream().noneMatch(span -> span[0] < end && start < span[1]);
    }

    void use(int start, int end) {
        used.add(new int[] {start, end});
    }

    void use(Mention mention) {
        use(mention.start(), mention.end());
    }

    Optional<Mention> take(Predicate<Mention> wanted) {
        for (Mention mention : mentions) {
            if (wanted.test(mention) && free(mention.start(), mention.end())) {
                use(mention);
                return Optional.of(mention);
            }
        }
        return Optional.empty();
    }

    List<Mention> takeAll(Predicate<Mention> wanted) {
        List<Mention> taken = new ArrayList<>();
        for (Mention mention : mentions) {
            if (wanted.test(mention) && free(mention.start(), mention.end())) {
                use(mention);
                taken.add(mention);
            }
        }
        return taken;
    }

    /** The first match of the pattern whose group {@code group} lies on free text; marks that group used. */
    Optional<Matcher> find(Pattern pattern, int group) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (matcher.group(group) != null && free(matcher.start(group), matcher.end(group))) {
                use(matcher.start(group), matcher.end(group));
                return Optional.of(matcher);
            }
        }
        return Optional.empty();
    }

    /** The mention of a kind covering the given offset, if any. */
    Optional<Mention> mentionAt(int start, int end, Mention.Kind kind) {
        return mentions.stream().filter(m -> m.kind() == kind && m.start() <= start && end <= m.end()).findFirst();
    }
}
