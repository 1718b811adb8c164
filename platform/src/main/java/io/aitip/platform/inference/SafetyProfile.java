package io.aitip.platform.inference;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How the built-in runtime's tiny model behaves under attack: {@code weak} has no safety tuning
 * (obeys instruction overrides, leaks its system prompt, repeats personal data), {@code hardened}
 * refuses. A model version carries its profile in its artifact URI ({@code ?profile=hardened} or
 * {@code #profile=hardened}, e.g. {@code builtin://tiny-chat?profile=hardened}); a deploy or canary
 * call may override it; otherwise it is {@code weak}, like any model nobody tuned for safety.
 */
public enum SafetyProfile {
    WEAK, HARDENED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SafetyProfile parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** The profile named in an artifact URI's query or fragment ({@code profile=…}), if any. */
    public static Optional<SafetyProfile> fromArtifact(String artifactUri) {
        if (artifactUri == null) {
            return Optional.empty();
        }
        String tail;
        try {
            URI uri = URI.create(artifactUri.trim());
            tail = (uri.getRawQuery() == null ? "" : uri.getRawQuery()) + "&"
                    + (uri.getRawFragment() == null ? "" : uri.getRawFragment());
        } catch (IllegalArgumentException e) {
            int at = artifactUri.indexOf('?');
            tail = at < 0 ? "" : artifactUri.substring(at + 1);
        }
        for (String pair : tail.split("[&#]")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equalsIgnoreCase("profile")) {
                for (SafetyProfile p : values()) {
                    if (p.wire().equalsIgnoreCase(kv[1].trim())) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
