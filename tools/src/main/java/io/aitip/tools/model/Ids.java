package io.aitip.tools.model;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short prefixed ids (DESIGN.md "Object ids"): {@code train-7f3a2c01}, {@code exec-…}. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new id with 8 hex digits: enough for objects people name and browse. */
    public static String next(String prefix) {
        return next(prefix, 4);
    }

    /** A new id with {@code 2 * bytes} hex digits; high-volume records (executions) use more. */
    public static String next(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }
}
