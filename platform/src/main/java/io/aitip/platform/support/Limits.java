package io.aitip.platform.support;

/** Page sizes of list tools (DESIGN.md "Bounded outputs"): default 50, at most 200. */
public final class Limits {

    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private Limits() {
    }

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        return Math.max(1, Math.min(MAX, requested));
    }

    /** Cuts text longer than {@code max} characters and marks the cut. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…[truncated]";
    }
}
