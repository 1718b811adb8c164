package io.aitip.tools.model;

import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;

/** Short prefixed ids (DESIGN.md "Object ids"): {@code train-7f3a2c01}, {@code exec-…}. */
public final class Ids {


    private Ids() {
    }

    /** A new id with 8 hex digits: enough for objects people name and browse. */
    public static String next(String prefix) {
        return next(prefix, 4);
    }

    /** A new id with {@code 2 * bytes} hex digits; high-volume records (executions) use more. */
    public static String next(String prefix, int bytes) {
        // ids name things, they grant nothing (every read checks the tenant), so a fast
        // non-cryptographic source is enough; secrets (API keys, tokens) use SecureRandom
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }
}
