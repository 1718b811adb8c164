package io.aitip.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.server.testing.ServerProcess;
import io.aitip.server.testing.SseClient;
import io.aitip.tools.json.Json;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on different ports sharing one PostgreSQL database and the machine's Redis:
 * a job submitted on replica A streams its completion (events stream and log follow) to SSE clients
 * of replica B, and 1,000 queued deliveries are delivered by both replicas' workers together, each
 * exactly once (the receiver always answers 2xx, so any repeat would be the workers' doing).
 *
 * <p>Replica B runs with {@code aitip.executor.recover-on-start=false}: with the local executor only
 * one replica adopts jobs (the Kubernetes executor is the multi-replica path); its webhook worker is
 * on. Run with {@code scripts/fault-callbacks.sh} (or {@code -Daitip.fault=true}).
 */
@EnabledIfSystemProperty(named = "aitip.fault", matches = "true")
class TwoReplicasTest {

    static final String TOKEN = "aitip_replicas_admin_" + Long.toHexString(System.nanoTime());
    static final int DELIVERIES = 1000;

    @Test
    void replicasShareEventsAndSplitDeliveriesWithoutDuplicates() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Map<String, String> common = new LinkedHashMap<>();
            common.put("aitip.db.url", db.url());
            common.put("aitip.db.user", db.user());
            common.put("aitip.bootstrap-token", TOKEN);
            common.put("aitip.webhooks.allowlist", "127.0.0.1");
            common.put("aitip.redis.url", "redis://127.0.0.1:6379");
            Map<String, String> a = new LinkedHashMap<>(common);
            a.put("aitip.home", Files.createTempDirectory("aitip-replica-a").toString());
            Map<String, String> b = new LinkedHashMap<>(common);
            b.put("aitip.home", Files.createTempDirectory("aitip-replica-b").toString());
            b.put("aitip.executor.recover-on-start", "false");
            b.put("aitip.webhooks.worker.enabled", "true");
            Path logA = Files.createTempFile("aitip-replica-a", ".log");
            Path logB = Files.createTempFile("aitip-replica-b", ".log");
            System.out.println("replica logs: " + logA + " " + logB);
            try (ServerProcess replicaA = new ServerProcess(a, logA); ServerProcess replicaB = new ServerProcess(b, logB)) {
                replicaA.start(Duration.ofMinutes(5));
                replicaB.start(Duration.ofMinutes(5));
                assertThat(replicaB.get("/readyz", null).path("events").path("up").asBoolean()).isTrue();
                aJobOnAStreamsToB(replicaA, replicaB);
                deliveriesAreSplitWithoutDuplicates(db, replicaA, replicaB);
            }
        }
    }

    private static void aJobOnAStreamsToB(ServerProcess replicaA, ServerProcess replicaB) throws Exception {
        try (SseClient events = new SseClient(replicaB.baseUrl() + "/api/v1/events?types=job.status", TOKEN, null)) {
            events.await(e -> e.name().equals("ready"), Duration.ofSeconds(30));
            JsonNode submitted = replicaA.post("/api/v1/agent/execute", TOKEN, Map.of("tool", "training_submit",
                    "params", Map.of("model", "replica-model", "command", "sleep 1; echo from-replica-a")));
            String job = submitted.path("result").path("job_id").asString();
            assertThat(job).as(submitted.toString()).startsWith("train-");
            try (SseClient logs = new SseClient(replicaB.baseUrl() + "/api/v1/training/jobs/" + job + "/logs?follow=true",
                    TOKEN, null)) {
                SseClient.Event done = events.await(e -> e.data().path("subject").asString().equals(job)
                        && e.data().path("data").path("status").asString().equals("succeeded"), Duration.ofSeconds(90));
                assertThat(done.name()).isEqualTo("job.status");
                logs.await(e -> e.name().equals("end"), Duration.ofSeconds(30));
                assertThat(logs.events()).anyMatch(e -> e.data().path("line").asString().equals("from-replica-a"));
            }
        }
    }

    private static void deliveriesAreSplitWithoutDuplicates(TestDatabase db, ServerProcess replicaA,
                                                            ServerProcess replicaB) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            long deliveredA = delivered(replicaA);
            long deliveredB = delivered(replicaB);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            WebhookOutbox outbox = new WebhookOutbox();
            // one transaction: all 1,000 become due at the same moment for both workers
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())).executeWithoutResult(s -> {
                for (int i = 0; i < DELIVERIES; i++) {
                    outbox.publish(jdbc, "org-replicas", "job.succeeded", WebhookEvents.jobPayload("job.succeeded",
                            Instant.now(), "train-" + String.format("%08x", i), "r" + i, "succeeded", "done",
                            "org-replicas", "prj"), url);
                }
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline && jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE "
                    + "org_id = 'org-replicas' AND status = 'delivered'", Integer.class) < DELIVERIES) {
                Thread.sleep(200);
            }
            Thread.sleep(500);
            long byA = delivered(replicaA) - deliveredA;
            long byB = delivered(replicaB) - deliveredB;
            int duplicates = received.values().stream().mapToInt(n -> n.get() - 1).sum();
            System.out.println("REPLICAS-REPORT " + Json.write(Map.of("deliveries", DELIVERIES, "received_ids",
                    received.size(), "duplicates", duplicates, "delivered_by_a", byA, "delivered_by_b", byB)));
            assertThat(received).hasSize(DELIVERIES);
            assertThat(duplicates).isZero();
            assertThat(byA + byB).isEqualTo(DELIVERIES);
            assertThat(List.of(byA, byB)).allSatisfy(n -> assertThat(n).as("each replica delivered some").isPositive());
        } finally {
            receiver.stop(0);
        }
    }

    static long delivered(ServerProcess replica) {
        return replica.get("/readyz", null).path("webhook_worker").path("delivered").asLong();
    }
}
