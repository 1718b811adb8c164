package io.aitip.executors.local;

/** POSIX shell quoting. */
final class Shell {

    private Shell() {
    }

    /** {@code it's} → {@code 'it'\''s'}: one word for {@code /bin/sh}, whatever it contains. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
