package io.aitip.server.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DNS-rebinding protection (MCP transport security): the Host header must name an allowed host and
 * an Origin header, when a browser sends one, must point at an allowed host too.
 */
public final class HostOriginGuard {

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final Set<String> allowed;

    /** @param extraHosts operator-configured host names (comma separated; {@code *} allows any) */
    public HostOriginGuard(String extraHosts) {
        this.allowed = Stream.concat(LOCAL.stream(), Stream.of((extraHosts == null ? "" : extraHosts).split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean hostAllowed(String hostHeader) {
        return hostHeader != null && isAllowed(stripPort(hostHeader));
    }

    public boolean originAllowed(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            URI uri = URI.create(origin.trim());
            return uri.getHost() != null && isAllowed(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean isAllowed(String host) {
        return allowed.contains("*") || allowed.contains(host.toLowerCase(Locale.ROOT));
    }

    private static String stripPort(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 ? h.substring(0, colon) : h;
    }
}
