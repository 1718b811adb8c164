package io.aitip.platform.support;

import io.aitip.tools.model.ToolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * An opaque keyset cursor over rows ordered by {@code (created_at DESC, id DESC)}: the position
 * after the last row returned. Stable under inserts, unlike offsets.
 */
public record Cursor(Instant createdAt, String id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null cursor; INVALID_ARGUMENTS at {@code /cursor} for one this server did not issue. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            long micros = Long.parseLong(text.substring(0, bar));
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), text.substring(bar + 1));
        } catch (RuntimeException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid. Pass the next_cursor of the previous "
                    + "page unchanged, or leave cursor out to start from the first page.");
        }
    }
}
