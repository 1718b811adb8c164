package io.aitip.nl;

import io.aitip.tools.model.ToolException;

/** Refuses what is not a message before any model sees it: empty, too long, or not text. */
final class InputGuard {

    private InputGuard() {
    }

    /** Throws INVALID_ARGUMENTS for an unusable message; false when it holds no word at all (emoji, punctuation). */
    static boolean check(String message, int maxChars) {
        if (message == null || message.isBlank()) {
            throw ToolException.invalid("/message", "Send the request as text in 'message', e.g. \"List my datasets\" or \"列出所有数据集\".");
        }
        if (message.length() > maxChars) {
            throw ToolException.invalid("/message", "The message has " + message.length() + " characters; the limit is "
                    + maxChars + ". Ask for one thing in a sentence or two.");
        }
        int control = 0;
        boolean letters = false;
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0xFFFD || (Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')) {
                control++;
            } else if (Character.isLetter(cp)) {
                letters = true;
            }
        }
        if (control > 0) {
            throw ToolException.invalid("/message", "The message holds binary or control characters. Send plain text.");
        }
        return letters;
    }
}
