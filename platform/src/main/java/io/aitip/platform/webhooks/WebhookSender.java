package io.aitip.platform.webhooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address the {@link UrlGuard} checked, on a socket opened to that address
 * (the JDK HTTP client cannot pin a resolved address: it would resolve the name again). TLS keeps
 * the original host name for SNI and certificate verification. Redirects are not followed (a 3xx is
 * a failed attempt); connect and total time and the bytes read back are bounded.
 */
public class WebhookSender {

    /** What the receiver answered: a status code, or an error when there was no HTTP answer. */
    public record Response(int statusCode, String error) {

        public boolean success() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private static final ScheduledExecutorService DEADLINES = deadlines();

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "webhook-deadlines");
            t.setDaemon(true);
            return t;
        });
        // a finished request's deadline leaves the queue at once, not 10 s later
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final SSLSocketFactory tls;

    public WebhookSender() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(10), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public WebhookSender(Duration connectTimeout, Duration totalTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
        this.tls = tls;
    }

    public Response post(UrlGuard.Target target, Map<String, String> headers, byte[] body) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        Socket raw = new Socket();
        // the total time limit closes the socket whatever the call is blocked on
        ScheduledFuture<?> killer = DEADLINES.schedule(() -> closeQuietly(raw), totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Socket socket = raw;
        try {
            raw.connect(new InetSocketAddress(target.address(), target.port()), (int) connectTimeout.toMillis());
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
            socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(target.hostHeader()).append("\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                String value = header.getValue();
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("header " + header.getKey() + " holds a line break");
                }
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readResponse(socket.getInputStream(), deadline, socket);
        } catch (IOException | RuntimeException e) {
            if (System.nanoTime() - deadline >= 0) {
                return new Response(0, "timed out after " + totalTimeout.toSeconds() + " s");
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Response(0, message.length() > 300 ? message.substring(0, 300) : message);
        } finally {
            killer.cancel(false);
            closeQuietly(socket);
            closeQuietly(raw);
        }
    }

    /** Reads the status line and headers, and a little of an error body; never more than MAX_RESPONSE_BYTES. */
    private Response readResponse(InputStream in, long deadline, Socket socket) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int headEnd = -1;
        byte[] chunk = new byte[2048];
        while (headEnd < 0) {
            socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buffer.write(chunk, 0, n);
            headEnd = indexOf(buffer.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (buffer.size() > MAX_RESPONSE_BYTES) {
                break;
            }
        }
        String text = buffer.toString(StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return new Response(0, "not an HTTP response");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return new Response(0, "not an HTTP response");
        }
        if (code >= 200 && code < 300) {
            return new Response(code, null);
        }
        String reason = parts.length > 2 ? parts[2].trim() : "";
        String error = "HTTP " + code + (reason.isEmpty() ? "" : " " + reason);
        if (code >= 300 && code < 400) {
            error += " (redirects are not followed; register the final URL)";
        }
        if (headEnd >= 0) {
            String headers = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)")
                    .matcher(headers);
            if (length.find() && !headers.contains("transfer-encoding: chunked")) {
                // a little of the error body helps whoever reads webhook_deliveries
                long wanted = Math.min(Long.parseLong(length.group(1)), 300);
                try {
                    while (buffer.size() - (headEnd + 4) < wanted && remainingMillis(deadline) > 0) {
                        socket.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
                        int n = in.read(chunk);
                        if (n < 0) {
                            break;
                        }
                        buffer.write(chunk, 0, n);
                    }
                } catch (IOException e) {
                    // the status is what counts; the body was only a courtesy
                }
                String body = buffer.toString(StandardCharsets.UTF_8).substring(headEnd + 4).strip();
                if (!body.isEmpty()) {
                    error += ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
                }
            }
        }
        return new Response(code, error);
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
