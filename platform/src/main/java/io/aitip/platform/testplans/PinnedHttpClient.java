package io.aitip.platform.testplans;

import io.aitip.platform.webhooks.UrlGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request to an address the {@link UrlGuard} checked, on a socket opened to that very
 * address (a second DNS answer cannot redirect it), as the webhook sender does. Any method; the
 * response body is read up to {@link #MAX_BODY_BYTES} (Content-Length, chunked or until close).
 * Redirects are not followed: a 3xx is an answer like any other.
 */
public class PinnedHttpClient {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** What came back; {@code truncated} when the body was longer than the cap. */
    public record Response(int status, Map<String, String> headers, byte[] body, boolean truncated) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Duration connectTimeout;
    private final SSLSocketFactory tls;

    public PinnedHttpClient() {
        this(Duration.ofSeconds(5), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public PinnedHttpClient(Duration connectTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    /**
     * Sends the request; {@code target} is the checked base URL, {@code path} is appended to its path.
     *
     * @throws IOException when there was no HTTP answer within {@code timeout}
     */
    public Response send(UrlGuard.Target target, String method, String path, Map<String, String> headers, byte[] body,
                         Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(target.address(), target.port()),
                    (int) Math.min(connectTimeout.toMillis(), Math.max(1, timeout.toMillis())));
            Socket socket = raw;
            if (target.https()) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
                    params.setServerNames(List.of(new SNIHostName(target.host())));
                }
                ssl.setSSLParameters(params);
                socket = ssl;
            }
            try (Socket s = socket) {
                s.setSoTimeout((int) Math.max(1, remaining(deadline)));
                StringBuilder head = new StringBuilder();
                head.append(method).append(' ').append(requestTarget(target, path)).append(" HTTP/1.1\r\n");
                head.append("Host: ").append(target.hostHeader()).append("\r\n");
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0
                            || h.getKey().indexOf(':') >= 0) {
                        throw new IllegalArgumentException("header " + h.getKey() + " holds a line break or colon");
                    }
                    head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
                if (body != null) {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                head.append("Connection: close\r\n\r\n");
                OutputStream out = s.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                return read(new java.io.BufferedInputStream(s.getInputStream()), deadline, s, method.equals("HEAD"));
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + timeout.toMillis() + " ms", e);
        }
    }

    static String requestTarget(UrlGuard.Target target, String path) {
        String base = target.uri().getRawPath() == null ? "" : target.uri().getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    private static Response read(InputStream in, long deadline, Socket socket, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + (statusLine == null ? "connection closed" : clip(statusLine)));
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new IOException("bad status line: " + clip(statusLine));
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(header.substring(0, colon).trim(), header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return new Response(status, headers, new byte[0], false);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated;
        String encoding = headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            truncated = chunked(in, body, deadline, socket);
        } else if (headers.containsKey("Content-Length")) {
            long length = Long.parseLong(headers.get("Content-Length").trim());
            truncated = copy(in, body, length, deadline, socket);
        } else {
            truncated = copy(in, body, Long.MAX_VALUE, deadline, socket);
        }
        return new Response(status, headers, body.toByteArray(), truncated);
    }

    private static boolean chunked(InputStream in, ByteArrayOutputStream body, long deadline, Socket socket)
            throws IOException {
        while (true) {
            String size = line(in);
            if (size == null) {
                return false;
            }
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                return false;
            }
            if (copy(in, body, n, deadline, socket)) {
                return true;
            }
            line(in);
        }
    }

    /** Copies up to {@code length} bytes (until close for MAX_VALUE); true when the cap cut it. */
    private static boolean copy(InputStream in, ByteArrayOutputStream body, long length, long deadline, Socket socket)
            throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            socket.setSoTimeout((int) Math.max(1, remaining(deadline)));
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            int room = MAX_BODY_BYTES - body.size();
            if (n > room) {
                body.write(buffer, 0, room);
                return true;
            }
            body.write(buffer, 0, n);
            left -= n;
        }
        return false;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                out.write(c);
            }
            if (out.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
        if (c < 0 && out.size() == 0) {
            return null;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static long remaining(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
