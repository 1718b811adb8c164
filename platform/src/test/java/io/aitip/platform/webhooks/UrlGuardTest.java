package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's decisions, with a fake resolver: no network. */
class UrlGuardTest {

    static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
            "internal.example.com", new String[] {"10.1.2.3"},
            "rebind.example.com", new String[] {"93.184.216.34", "127.0.0.1"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "localhost", new String[] {"127.0.0.1", "::1"});

    static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] ips = DNS.get(host);
        if (ips == null) {
            // literals resolve to themselves, as InetAddress does without a lookup
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByAddress(host, InetAddress.getByName(ips[i]).getAddress());
        }
        return out;
    }

    static UrlGuard guard(String allowlist) {
        return new UrlGuard(allowlist, UrlGuardTest::resolve);
    }

    @Test
    void letsPublicHttpAndHttpsThroughAndPinsTheResolvedAddress() throws Exception {
        UrlGuard.Target t = guard("").check("https://hooks.example.com/aitip?x=1");
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(t.https()).isTrue();
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.hostHeader()).isEqualTo("hooks.example.com");
        assertThat(t.requestTarget()).isEqualTo("/aitip?x=1");
        UrlGuard.Target plain = guard(null).check("http://hooks.example.com:8080");
        assertThat(plain.hostHeader()).isEqualTo("hooks.example.com:8080");
        assertThat(plain.requestTarget()).isEqualTo("/");
        assertThat(guard("").check("https://v6.example.com/x").address().getHostAddress()).startsWith("2606:2800");
        assertThat(guard("").check("http://93.184.216.34/x").address().getHostAddress()).isEqualTo("93.184.216.34");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/x", "http://localhost:8080/x", "http://[::1]/x", "http://0.0.0.0/x", "http://[::]/x",
            "http://10.0.0.1/x", "http://172.16.5.4/x", "http://172.31.255.255/x", "http://192.168.1.1/x",
            "http://169.254.169.254/latest/meta-data/", "http://metadata.example.com/", "http://[fe80::1]/x",
            "http://[fc00::1]/x", "http://[fd12:3456::1]/x", "http://224.0.0.1/x", "http://[ff02::1]/x",
            "http://internal.example.com/x", "http://rebind.example.com/x", "http://[::ffff:127.0.0.1]/x",
            "http://[::ffff:169.254.169.254]/x", "http://[64:ff9b::a00:1]/x", "http://100.64.0.1/x",
            "http://255.255.255.255/x"})
    void refusesInternalAddresses(String url) {
        assertThatThrownBy(() -> guard("").check(url)).isInstanceOf(UrlGuard.Refused.class)
                .hasMessageContaining("webhooks may not reach").hasMessageContaining("AITIP_WEBHOOK_ALLOWLIST");
    }

    @Test
    void saysWhichKindOfAddressItRefused() {
        assertThatThrownBy(() -> guard("").check("http://169.254.169.254/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard("").check("http://127.0.0.1/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard("").check("http://10.0.0.1/")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard("").check("http://[fd00::1]/")).hasMessageContaining("private");
        assertThatThrownBy(() -> guard("").check("http://224.0.0.1/")).hasMessageContaining("multicast");
        assertThatThrownBy(() -> guard("").check("http://0.0.0.0/")).hasMessageContaining("unspecified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "gopher://hooks.example.com/",
            "javascript:alert(1)", "hooks.example.com/x", "http://user:pass@hooks.example.com/x", "http:///x", "",
            "http://no-such-host.example.com/x", "http://exa mple.com/"})
    void refusesOtherSchemesCredentialsAndBadUrls(String url) {
        assertThatThrownBy(() -> guard("").check(url)).isInstanceOf(UrlGuard.Refused.class);
    }

    @Test
    void theAllowListAdmitsHostsAndRanges() throws Exception {
        assertThat(guard("127.0.0.1").check("http://127.0.0.1:9000/hook").address().getHostAddress())
                .isEqualTo("127.0.0.1");
        assertThat(guard("10.0.0.0/8, 192.168.1.0/24").check("http://internal.example.com/x").address().getHostAddress())
                .isEqualTo("10.1.2.3");
        assertThat(guard("internal.example.com").check("http://internal.example.com/x")).isNotNull();
        assertThat(guard("::1 127.0.0.0/8").check("http://localhost/x")).isNotNull();
        // one entry admits only what it names
        assertThatThrownBy(() -> guard("127.0.0.1").check("http://localhost/x")).hasMessageContaining("0:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> guard("192.168.1.0/24").check("http://192.168.2.1/x")).isInstanceOf(UrlGuard.Refused.class);
        assertThatThrownBy(() -> guard("127.0.0.1").check("http://169.254.169.254/")).isInstanceOf(UrlGuard.Refused.class);
        assertThatThrownBy(() -> guard("other.example.com").check("http://internal.example.com/"))
                .isInstanceOf(UrlGuard.Refused.class);
    }

    @Test
    void cidrMatching() {
        UrlGuard.Cidr range = UrlGuard.Cidr.parse("172.16.0.0/12");
        assertThat(range.contains(ip("172.16.0.1"))).isTrue();
        assertThat(range.contains(ip("172.31.255.255"))).isTrue();
        assertThat(range.contains(ip("172.32.0.0"))).isFalse();
        assertThat(range.contains(ip("::1"))).isFalse();
        assertThat(UrlGuard.Cidr.tryParse("example.com")).isNull();
        assertThat(UrlGuard.Cidr.tryParse("10.0.0.0/33")).isNull();
        assertThat(UrlGuard.blockedBecause(ip("8.8.8.8"))).isNull();
        assertThat(UrlGuard.blockedBecause(ip("2001:4860:4860::8888"))).isNull();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
