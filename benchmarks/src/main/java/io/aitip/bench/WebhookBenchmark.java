package io.aitip.bench;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.RetryPolicy;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.platform.webhooks.WebhookDeliveryWorker;
import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.platform.webhooks.WebhookSender;
import io.aitip.platform.webhooks.WebhookStore;
import io.aitip.tools.model.Ids;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook delivery benchmark: the real outbox, {@link WebhookDeliveryWorker} (SKIP LOCKED claims,
 * Standard Webhooks signing, pinned-address sender) and {@link JobStateMachine} on a fresh database
 * of the machine's PostgreSQL, delivering to a healthy local receiver (JDK HttpServer, 204).
 * <ul>
 *   <li>throughput: N deliveries queued while the worker is stopped, then the time until the receiver
 *       has all of them → deliveries/s;</li>
 *   <li>latency: jobs end one after another through the state machine (event written in the terminal
 *       move's transaction); job-finished (commit returned) → webhook received, p50/p99.</li>
 * </ul>
 * Options: {@code --deliveries N} (default 20000), {@code --jobs N} (500), {@code --rate PER_S} (50),
 * {@code --parallelism N} (16), {@code --batch N} (64), as the server's defaults. Prints one table and a JSON line.
 */
public final class WebhookBenchmark {

    private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int deliveries = Integer.parseInt(options.getOrDefault("deliveries", "20000"));
        int jobs = Integer.parseInt(options.getOrDefault("jobs", "500"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "50"));
        int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "16"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "64"));
        String adminUrl = System.getenv().getOrDefault("AITIP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("AITIP_TEST_PG_USER", "postgres");
        String name = "aitip_bench_" + Long.toHexString(System.nanoTime());
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        admin(adminUrl, user, "CREATE DATABASE " + name);
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            Matcher m = JOB_ID.matcher(body);
            if (m.find()) {
                receivedAt.putIfAbsent(m.group(1), now);
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(parallelism + 4);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            WebhookStore store = new WebhookStore(jdbc);
            WebhookOutbox outbox = new WebhookOutbox();
            store.createEndpoint("org-bench", "usr-bench", hook, List.of("job.*"), "benchmark receiver");
            WebhookDeliveryWorker worker = new WebhookDeliveryWorker(store, new UrlGuard("127.0.0.1"), new WebhookSender(),
                    RetryPolicy.standard(), Clock.systemUTC(), true, Duration.ofMillis(500), batch, parallelism);

            // warm-up, then throughput: queue with the worker stopped, start it, time the drain
            double warm = throughput(jdbc, tx, outbox, worker, received, Math.min(5000, deliveries));
            double perSecond = throughput(jdbc, tx, outbox, worker, received, deliveries);

            // latency: the worker runs and is woken by each commit, as in the server
            worker.setOutbox(outbox);
            worker.start();
            JobStateMachine states = new JobStateMachine(jdbc, outbox);
            TrainingJobStore jobStore = new TrainingJobStore(jdbc);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                String id = Ids.next("train");
                jobStore.insert(TrainingJob.draft(id, "org-bench", "prj-bench", "usr-bench", "bench-" + i, "m", null, null,
                        null, "true", null, TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
                states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
                states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
                ids.add(id);
            }
            Map<String, Long> endedAt = new ConcurrentHashMap<>();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (String id : ids) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                states.transition(id, JobStatus.RUNNING, JobStatus.SUCCEEDED, JobChange.message("done").exitCode(0));
                endedAt.put(id, System.nanoTime());
                next += interval;
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!receivedAt.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            worker.stop();
            List<Double> latencies = new ArrayList<>();
            for (String id : ids) {
                Long got = receivedAt.get(id);
                if (got != null) {
                    latencies.add((got - endedAt.get(id)) / 1e6);
                }
            }
            Collections.sort(latencies);
            double p50 = percentile(latencies, 0.50);
            double p99 = percentile(latencies, 0.99);
            System.out.printf("%nwebhook benchmark (healthy local receiver, parallelism %d, batch %d)%n", parallelism, batch);
            System.out.printf("  warm-up            %8.0f deliveries/s (%d)%n", warm, Math.min(5000, deliveries));
            System.out.printf("  throughput         %8.0f deliveries/s (%d queued)          target >= 1000%n", perSecond,
                    deliveries);
            System.out.printf("  job end -> received p50 %6.1f ms  p99 %6.1f ms  (%d of %d jobs at %d/s)   target p99 <= 500%n",
                    p50, p99, latencies.size(), jobs, rate);
            System.out.println("WEBHOOK-BENCH {\"deliveries_per_second\":" + Math.round(perSecond) + ",\"latency_p50_ms\":"
                    + String.format("%.1f", p50) + ",\"latency_p99_ms\":" + String.format("%.1f", p99) + ",\"jobs\":"
                    + latencies.size() + ",\"deliveries\":" + deliveries + "}");
        } finally {
            receiver.stop(0);
            ((java.util.concurrent.ExecutorService) receiver.getExecutor()).shutdownNow();
            admin(adminUrl, user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Queues {@code n} job events (one delivery each) while the worker is stopped, then times their delivery. */
    private static double throughput(JdbcTemplate jdbc, TransactionTemplate tx, WebhookOutbox outbox,
                                     WebhookDeliveryWorker worker, AtomicInteger received, int n) throws Exception {
        for (int done = 0; done < n; done += 1000) {
            int from = done;
            tx.executeWithoutResult(s -> {
                for (int i = from; i < Math.min(n, from + 1000); i++) {
                    outbox.publish(jdbc, "org-bench", "job.succeeded", WebhookEvents.jobPayload("job.succeeded",
                            Instant.now(), "train-tp" + i, "tp" + i, "succeeded", "done", "org-bench", "prj-bench"), null);
                }
            });
        }
        int before = received.get();
        long started = System.nanoTime();
        worker.start();
        while (received.get() - before < n) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        worker.stop();
        return n / seconds;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void admin(String adminUrl, String user, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(adminUrl, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
