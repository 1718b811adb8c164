package io.aitip.platform.webhooks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.model.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/** A migrated database with the webhook parts wired as the application wires them, plus test receivers. */
final class WebhookFixture implements AutoCloseable {

    final TestDatabase db = TestDatabase.create();
    final HikariDataSource pool = PooledTestDataSource.of(db);
    final JdbcTemplate jdbc = new JdbcTemplate(pool);
    final WebhookStore store = new WebhookStore(jdbc);
    final WebhookOutbox outbox = new WebhookOutbox();
    final TrainingJobStore jobs = new TrainingJobStore(jdbc);
    final JobStateMachine states = new JobStateMachine(jdbc, outbox);
    final UrlGuard guard = new UrlGuard("127.0.0.1");

    String newJob(String org, String project, String name) {
        String id = Ids.next("train");
        jobs.insert(TrainingJob.draft(id, org, project, "usr-" + org, name, "llama-3-8b", null, null, null, "true", null,
                TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
        return id;
    }

    String endpoint(String org, String url, List<String> events) {
        return store.createEndpoint(org, "usr-" + org, url, events, null).id();
    }

    WebhookDeliveryWorker worker(Clock clock) {
        return new WebhookDeliveryWorker(store, guard, new WebhookSender(), RetryPolicy.standard(), clock, false,
                Duration.ofMillis(20), 10, 4);
    }

    List<Map<String, Object>> deliveries() {
        return jdbc.queryForList("SELECT * FROM webhook_deliveries ORDER BY created_at, id");
    }

    @Override
    public void close() {
        pool.close();
        db.close();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** What a receiver got: headers (lower-case names) and body. */
    record Received(Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * A JDK HttpServer on a free 127.0.0.1 port that answers the n-th request (0-based) with the
     * status {@code answer} gives and records every request.
     */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Receiver(IntUnaryOperator answer) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                int n;
                int status;
                synchronized (received) {
                    n = received.size();
                    status = answer.applyAsInt(n);
                    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    headers.putAll(exchange.getRequestHeaders());
                    received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), status));
                }
                if (status >= 300 && status < 400) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                }
                byte[] out = status >= 400 ? "receiver says no".getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
