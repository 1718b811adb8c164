package io.aitip.platform.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for webhook URLs. Only {@code http} and {@code https}; the host is resolved and
 * every address it resolves to must be public: loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified,
 * multicast and other special-purpose ranges are refused unless the operator's allow-list
 * ({@code aitip.webhooks.allowlist}, from {@code AITIP_WEBHOOK_ALLOWLIST}: host names or CIDRs,
 * comma or space separated) permits them. The caller connects to the checked address it gets back
 * ({@link Target#address()}), never to the name again, so a second DNS answer cannot redirect it.
 */
@Component
public class UrlGuard {

    /** Resolves a host name to its addresses; tests pass a fake one. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL the guard let through, with the address to connect to. */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {

        /** The Host header: the original name, with the port when it is not the scheme's default. */
        public String hostHeader() {
            String name = host.contains(":") ? "[" + host + "]" : host;
            return (https && port == 443) || (!https && port == 80) ? name : name + ":" + port;
        }

        /** Path and query as sent on the request line. */
        public String requestTarget() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** The URL was refused; the message says why, for the caller. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<Cidr> BLOCKED = List.of(
            Cidr.parse("0.0.0.0/8"),          // "this network", unspecified
            Cidr.parse("10.0.0.0/8"),         // private
            Cidr.parse("100.64.0.0/10"),      // carrier-grade NAT
            Cidr.parse("127.0.0.0/8"),        // loopback
            Cidr.parse("169.254.0.0/16"),     // link-local, cloud metadata 169.254.169.254
            Cidr.parse("172.16.0.0/12"),      // private
            Cidr.parse("192.0.0.0/24"),       // IETF protocol assignments
            Cidr.parse("192.168.0.0/16"),     // private
            Cidr.parse("198.18.0.0/15"),      // benchmarking
            Cidr.parse("224.0.0.0/4"),        // multicast
            Cidr.parse("240.0.0.0/4"),        // reserved, broadcast
            Cidr.parse("::/128"),             // unspecified
            Cidr.parse("::1/128"),            // loopback
            Cidr.parse("fc00::/7"),           // unique local
            Cidr.parse("fe80::/10"),          // link-local
            Cidr.parse("fec0::/10"),          // site-local (deprecated)
            Cidr.parse("ff00::/8"));          // multicast

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Resolver resolver;
    private final String purpose;
    private final String allowlistSetting;

    @org.springframework.beans.factory.annotation.Autowired
    public UrlGuard(@Value("${aitip.webhooks.allowlist:${AITIP_WEBHOOK_ALLOWLIST:}}") String allowlist) {
        this(allowlist, InetAddress::getAllByName);
    }

    public UrlGuard(String allowlist, Resolver resolver) {
        this(allowlist, resolver, "webhooks", "AITIP_WEBHOOK_ALLOWLIST");
    }

    /**
     * A guard for another kind of outbound call (evaluation targets, …): {@code purpose} names it in
     * messages ("webhooks"), {@code allowlistSetting} is the variable an operator sets to allow more.
     */
    public UrlGuard(String allowlist, Resolver resolver, String purpose, String allowlistSetting) {
        this.resolver = resolver;
        this.purpose = purpose;
        this.allowlistSetting = allowlistSetting;
        if (allowlist != null) {
            for (String entry : allowlist.split("[,\\s]+")) {
                String item = entry.trim().toLowerCase(Locale.ROOT);
                if (item.isEmpty()) {
                    continue;
                }
                Cidr range = Cidr.tryParse(item);
                if (range != null) {
                    allowedRanges.add(range);
                } else {
                    allowedHosts.add(item);
                }
            }
        }
    }

    /** Checks a URL and resolves it to the one address to connect to. */
    public Target check(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("The URL is empty; give an http:// or https:// URL.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("The URL is not valid (" + e.getReason() + "); give an http:// or https:// URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("Only http and https URLs can be used for " + purpose + ", not '" + scheme + "'.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("The URL must not carry a user name or password" + (purpose.equals("webhooks")
                    ? "; authenticate with the webhook signature." : "."));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("The URL has no host name.");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("The host '" + host + "' does not resolve; check the URL.");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("The host '" + host + "' does not resolve; check the URL.");
        }
        boolean hostAllowed = allowedHosts.contains(host);
        for (InetAddress address : addresses) {
            String why = blockedBecause(address);
            if (why != null && !hostAllowed && !allowedAddress(address)) {
                throw new Refused("The host '" + host + "' resolves to " + address.getHostAddress() + ", a " + why
                        + " address, which " + purpose + " may not reach. Use a public URL, or ask the operator to add it to "
                        + allowlistSetting + ".");
            }
        }
        return new Target(uri, host, port, https, addresses[0]);
    }

    /** Whether the address is in a range the guard refuses by default, and which; null for a public address. */
    static String blockedBecause(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        if (effective.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (effective.isLoopbackAddress()) {
            return "loopback";
        }
        if (effective.isLinkLocalAddress()) {
            return "link-local";
        }
        if (effective.isMulticastAddress()) {
            return "multicast";
        }
        if (effective.isSiteLocalAddress()) {
            return "private";
        }
        for (Cidr range : BLOCKED) {
            if (range.contains(effective)) {
                return switch (range.text()) {
                    case "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "100.64.0.0/10" -> "private";
                    case "169.254.0.0/16", "fe80::/10" -> "link-local";
                    case "127.0.0.0/8", "::1/128" -> "loopback";
                    case "0.0.0.0/8", "::/128" -> "unspecified";
                    case "224.0.0.0/4", "ff00::/8" -> "multicast";
                    default -> "reserved";
                };
            }
        }
        return null;
    }

    private boolean allowedAddress(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        return allowedRanges.stream().anyMatch(r -> r.contains(address) || r.contains(effective));
    }

    /** IPv4 inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96) is judged as that IPv4. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    /** An IPv4 or IPv6 range in CIDR notation; a bare address is a /32 or /128. */
    record Cidr(String text, byte[] network, int bits) {

        static Cidr parse(String text) {
            Cidr cidr = tryParse(text);
            if (cidr == null) {
                throw new IllegalArgumentException("not a CIDR: " + text);
            }
            return cidr;
        }

        static Cidr tryParse(String text) {
            String address = text;
            int bits = -1;
            int slash = text.indexOf('/');
            if (slash >= 0) {
                address = text.substring(0, slash);
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            // only literals: never resolve a name here
            boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean ipv6 = address.contains(":") && address.matches("[0-9a-fA-F:.]+");
            if (!ipv4 && !ipv6) {
                return null;
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int max = bytes.length * 8;
                if (bits < 0) {
                    bits = max;
                }
                if (bits > max) {
                    return null;
                }
                return new Cidr(text, bytes, bits);
            } catch (UnknownHostException e) {
                return null;
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }

}
