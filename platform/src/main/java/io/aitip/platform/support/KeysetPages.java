package io.aitip.platform.support;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset paging for list tools: a store fetches {@code limit + 1} rows; the extra row only tells
 * that a next page exists, and the cursor points after the last row returned.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    /** The rows of this page: at most {@code limit}. */
    public static <T> List<T> page(List<T> fetched, int limit) {
        return fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    }

    /** The cursor of the next page, or null when {@code fetched} holds no row beyond this page. */
    public static <T> String nextCursor(List<T> fetched, int limit, Function<T, String> cursorAfter) {
        return fetched.size() > limit ? cursorAfter.apply(fetched.get(limit - 1)) : null;
    }
}
