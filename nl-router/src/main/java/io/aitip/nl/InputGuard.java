package io.aitip.nl;

import io.aitip.tools.model.ToolException;
import java.util.regex.Pattern;

/** Refuses what is not a message before any model sees it: empty, too long, or not text. */
final class InputGuard {

    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b[^>]{0,200}>.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)</?[a-zA-Z][^<>]{0,200}>");

    private InputGuard() {
    }

    /**
     * The words a person wrote, without markup: script and style blocks and HTML tags go (an
     * injected {@code <script>} is nobody's request), so "&lt;b&gt;list datasets&lt;/b&gt;" reads as
     * "list datasets" and a message of markup alone has no words left.
     */
    static String plain(String message) {
        String text = TAG.matcher(SCRIPT.matcher(message).replaceAll(" ")).replaceAll(" ");
        return text.replaceAll("\\s+", " ").strip();
    }

    private static final Pattern[] OVERRIDES = {
        Pattern.compile("(?i)\\b(?:please\\s+)?(?:ignore|disregard|forget|override)\\s+(?:all\\s+|any\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+|my\\s+)?"
                + "(?:previous\\s+|prior\\s+|above\\s+|earlier\\s+|former\\s+|system\\s+)?(?:instructions?|rules?|prompts?|guidelines?|policy|policies)"
                + "\\b\\s*[,.;:!]?\\s*(?:and\\s+(?:then\\s+)?|then\\s+)?"),
        Pattern.compile("(?i)\\b(?:you\\s+are|you're)\\s+(?:now\\s+)?(?:an?\\s+)?(?:admin|administrator|root|owner)(?:\\s+now)?\\b\\s*[,.;:!]?\\s*"),
        Pattern.compile("(?i)\\s*,?\\s*\\b(?:without|no)\\s+(?:asking|confirmation|confirming|approval|questions)(?:\\s+me)?\\b"),
        Pattern.compile("(?i)\\s*,?\\s*\\b(?:don'?t|do\\s+not)\\s+(?:ask|confirm)(?:\\s+me)?(?:\\s+first)?\\b"),
        Pattern.compile("(?:忽略|无视|忘记|忘掉|不要管)(?:之前|以前|上面|前面|你)?的?(?:所有|全部|一切)?的?(?:指令|规则|提示词?|设定|限制)[，,。；;！!：:]?\\s*"),
        Pattern.compile("(?:你现在是|你是)(?:管理员|超级管理员|admin)[，,。；;！!：:]?\\s*"),
        Pattern.compile("[，,]?\\s*(?:不要|别|无需|不用|不必)(?:再)?(?:确认|询问|问我|审批)")
    };

    /**
     * The request without the words that try to change the rules ("ignore previous instructions and
     * …", "without asking me", "忽略之前的指令，…", "不要确认"): they carry no intent, and no text
     * changes a policy decision anyway, so the request behind them is read and goes through the gate
     * like any other; a message that was nothing but such words is left with nothing to do.
     */
    static String withoutOverrides(String text) {
        String out = text;
        for (Pattern override : OVERRIDES) {
            out = override.matcher(out).replaceAll(" ");
        }
        return out.replaceAll("\\s+", " ").replaceAll("^[\\s,，.。;；:：]+", "").strip();
    }

    static boolean hasLetters(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
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
