package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the name ({@code hooks.test}) exists only in the guard's resolver, the
 * socket goes to the checked address, and TLS still sends the name (SNI) and verifies the
 * certificate against it.
 */
class PinnedTlsTest {

    @TempDir
    Path dir;

    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("hooks.test") || host.equals("other.test")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host);
    }

    KeyStore keyStore(String dnsName) throws Exception {
        Path file = dir.resolve(dnsName + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + dnsName,
                "-ext", "SAN=dns:" + dnsName, "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    @Test
    void httpsGoesToThePinnedAddressAndVerifiesTheCertificateAgainstTheName() throws Exception {
        KeyStore keys = keyStore("hooks.test");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        List<String> hosts = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            UrlGuard guard = new UrlGuard("127.0.0.1", PinnedTlsTest::resolve);
            WebhookSender trusting = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10),
                    clientTls.getSocketFactory());

            WebhookSender.Response ok = trusting.post(guard.check("https://hooks.test:" + port + "/hook"),
                    Map.of("webhook-id", "evt-1"), "{}".getBytes());
            assertThat(ok.success()).as(String.valueOf(ok.error())).isTrue();
            assertThat(hosts).containsExactly("hooks.test:" + port);

            // the same address under a name the certificate does not carry: refused by hostname verification
            WebhookSender.Response wrongName = trusting.post(guard.check("https://other.test:" + port + "/hook"),
                    Map.of("webhook-id", "evt-2"), "{}".getBytes());
            assertThat(wrongName.success()).isFalse();
            assertThat(wrongName.statusCode()).isZero();
            assertThat(wrongName.error()).contains("other.test");

            // and a certificate nobody vouches for: refused by the default trust store
            WebhookSender.Response untrusted = new WebhookSender().post(guard.check("https://hooks.test:" + port + "/hook"),
                    Map.of("webhook-id", "evt-3"), "{}".getBytes());
            assertThat(untrusted.success()).isFalse();
            assertThat(untrusted.error()).containsIgnoringCase("certification path");
            assertThat(hosts).hasSize(1);
        } finally {
            server.stop(0);
        }
    }
}
