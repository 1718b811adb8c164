package io.aitip.nl.dialogue;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a conversation waits for: the call read so far and the step it is at.
 *
 * @param stage        {@code clarify} (a parameter is missing), {@code choose} (which tool or which
 *                     object), {@code confirm} (a token was issued), or {@code none}
 * @param text         the sentence the call was read from (learned once the call runs)
 * @param missing      parameters still missing, the first is asked for
 * @param alternatives the tools to choose from, when stage is choose
 * @param corrected    the user completed or amended the call before it ran
 */
public record Pending(String stage, String tool, ObjectNode params, String language, String text,
                      List<String> missing, List<String> alternatives, boolean corrected) {

    public static Pending none(String language) {
        return new Pending("none", null, null, language, null, List.of(), List.of(), false);
    }

    public boolean waiting() {
        return !"none".equals(stage);
    }
}
