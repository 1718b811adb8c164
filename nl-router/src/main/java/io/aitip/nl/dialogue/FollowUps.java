package io.aitip.nl.dialogue;

import java.util.regex.Pattern;

/** How people cancel, amend or pick an option in a follow-up message, in both languages. */
public final class FollowUps {

    private static final Pattern CANCEL = Pattern.compile(
            "(?i)^\\s*(?:(?:no,?\\s*)?(?:cancel|abort|forget|never\\s*mind|nevermind|stop|drop)(?:\\s+(?:it|that|this|the\\s+\\w+))?(?:\\s+please)?|no|nope|don'?t"
                    + "|算了|取消|取消吧|不要了|不用了|别了|放弃|不做了|取消这个|算了吧|先不要|不)\\s*[.!。！]*\\s*$");
    private static final Pattern AMEND = Pattern.compile(
            "(?i)\\b(?:instead|rather|change|make\\s+it|switch|use|set|actually|also|and|with|but)\\b|改成|改为|换成|改用|换|改|设为|调成|调到|用|加上|还要|再|另外");
    private static final Pattern FIRST = Pattern.compile("(?i)^\\s*(?:1|first|the\\s+first(?:\\s+one)?|a|option\\s*1|第一个|第一|前者)\\s*[.!。]*\\s*$");
    private static final Pattern SECOND = Pattern.compile("(?i)^\\s*(?:2|second|the\\s+second(?:\\s+one)?|b|option\\s*2|第二个|第二|后者)\\s*[.!。]*\\s*$");

    private FollowUps() {
    }

    public static boolean cancels(String message) {
        return CANCEL.matcher(message).matches();
    }

    public static boolean amends(String message) {
        return AMEND.matcher(message).find();
    }

    /** 0 or 1 when the message picks the first or second option, else -1. */
    public static int pick(String message) {
        if (FIRST.matcher(message).matches()) {
            return 0;
        }
        return SECOND.matcher(message).matches() ? 1 : -1;
    }
}
