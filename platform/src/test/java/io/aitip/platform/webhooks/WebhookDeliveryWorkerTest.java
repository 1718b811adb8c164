package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery worker against real HTTP receivers on 127.0.0.1 (allow-listed) and the real PostgreSQL. */
class WebhookDeliveryWorkerTest {

    static WebhookFixture f;

    @BeforeAll
    static void setUp() {
        f = new WebhookFixture();
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /** Workers serve every org: each test starts with no deliveries left over from another. */
    @BeforeEach
    void noLeftovers() {
        f.jdbc.update("DELETE FROM webhook_deliveries");
    }

    /** A test clock a little ahead of the database's, so what was just queued is due. */
    static WebhookFixture.MutableClock clock() {
        return new WebhookFixture.MutableClock(Instant.now().plusSeconds(1));
    }

    static String publish(String org) {
        return f.outbox.publish(f.jdbc, org, "job.succeeded", WebhookEvents.jobPayload("job.succeeded", Instant.now(),
                "train-00000001", "run", "succeeded", "done", org, "prj-1"), null);
    }

    static Map<String, Object> deliveryOf(String eventId) {
        return f.jdbc.queryForMap("SELECT * FROM webhook_deliveries WHERE event_id = ?", eventId);
    }

    static Instant nextAttempt(String eventId) {
        return ((Timestamp) deliveryOf(eventId).get("next_attempt_at")).toInstant();
    }

    static void verify(String secret, WebhookFixture.Received r) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(h, List.of(r.header(h)));
        }
        new Webhook(secret).verify(r.body(), headers);
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffUntilDeliveredUnderTheSameWebhookId() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> n < 2 ? 500 : 200)) {
            String org = "org-retry";
            String endpoint = f.endpoint(org, receiver.url("/hook?src=aitip"), List.of("job.*"));
            String secret = f.store.findEndpoint(org, endpoint).orElseThrow().secret();
            String event = publish(org);
            WebhookFixture.MutableClock clock = clock();
            WebhookDeliveryWorker worker = f.worker(clock);

            assertThat(worker.runOnce()).isEqualTo(1);
            Map<String, Object> first = deliveryOf(event);
            assertThat(first.get("status")).isEqualTo("pending");
            assertThat(first.get("attempts")).isEqualTo(1);
            assertThat(first.get("last_status_code")).isEqualTo(500);
            assertThat((String) first.get("last_error")).contains("HTTP 500").contains("receiver says no");
            Duration firstDelay = Duration.between(clock.instant(), nextAttempt(event));
            assertThat(firstDelay).isBetween(Duration.ofMillis(999), Duration.ofMillis(1101));
            // nothing is due before the backoff has passed
            assertThat(worker.runOnce()).isZero();

            clock.now = nextAttempt(event);
            assertThat(worker.runOnce()).isEqualTo(1);
            Duration secondDelay = Duration.between(clock.instant(), nextAttempt(event));
            assertThat(secondDelay).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2201));

            clock.now = nextAttempt(event);
            assertThat(worker.runOnce()).isEqualTo(1);
            Map<String, Object> done = deliveryOf(event);
            assertThat(done.get("status")).isEqualTo("delivered");
            assertThat(done.get("attempts")).isEqualTo(3);
            assertThat(done.get("last_status_code")).isEqualTo(200);
            assertThat(done.get("last_error")).isNull();
            assertThat(done.get("delivered_at")).isNotNull();
            assertThat(worker.runOnce()).isZero();

            assertThat(receiver.received).hasSize(3);
            for (WebhookFixture.Received r : receiver.received) {
                assertThat(r.header("webhook-id")).isEqualTo(event);
                assertThat(r.header("webhook-signature")).startsWith("v1,");
                assertThat(r.header("content-type")).isEqualTo("application/json");
                assertThat(r.header("host")).isEqualTo("127.0.0.1:" + receiver.server.getAddress().getPort());
                verify(secret, r);
            }
            assertThat(receiver.received.get(0).body()).startsWith("{\"type\":\"job.succeeded\",\"timestamp\":");
        }
    }

    @Test
    void aDeliveryThatNeverSucceedsIsRetriedForADayThenDead() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 503)) {
            String org = "org-dead";
            f.endpoint(org, receiver.url("/down"), List.of("*"));
            String event = publish(org);
            Instant queued = ((Timestamp) deliveryOf(event).get("created_at")).toInstant();
            WebhookFixture.MutableClock clock = clock();
            WebhookDeliveryWorker worker = f.worker(clock);
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 100 && !"dead".equals(deliveryOf(event).get("status")); i++) {
                assertThat(worker.runOnce()).isEqualTo(1);
                if ("pending".equals(deliveryOf(event).get("status"))) {
                    delays.add(Duration.between(clock.instant(), nextAttempt(event)));
                    clock.now = nextAttempt(event);
                }
            }
            Map<String, Object> dead = deliveryOf(event);
            assertThat(dead.get("status")).isEqualTo("dead");
            int attempts = (Integer) dead.get("attempts");
            assertThat(receiver.received).hasSize(attempts);
            assertThat(receiver.received).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(event));
            // 1 s, 2 s, 4 s … then capped at an hour, and retried for at least 24 h
            assertThat(delays.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100));
            assertThat(delays.get(3)).isBetween(Duration.ofSeconds(8), Duration.ofMillis(8800));
            assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofHours(1)));
            assertThat(delays.get(delays.size() - 1)).isGreaterThan(Duration.ofMinutes(50));
            assertThat(Duration.between(queued, clock.instant())).isGreaterThanOrEqualTo(Duration.ofHours(24));
            assertThat(attempts).isBetween(30, 45);
            assertThat(worker.runOnce()).isZero();
        }
    }

    @Test
    void twoWorkersDeliverTwoHundredDeliveriesExactlyOnce() throws Exception {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 204)) {
            String org = "org-load";
            f.endpoint(org, receiver.url("/load"), List.of("job.*"));
            Set<String> events = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                events.add(publish(org));
            }
            WebhookDeliveryWorker a = new WebhookDeliveryWorker(f.store, f.guard, new WebhookSender(),
                    RetryPolicy.standard(), java.time.Clock.systemUTC(), true, Duration.ofMillis(10), 7, 4);
            WebhookDeliveryWorker b = new WebhookDeliveryWorker(f.store, f.guard, new WebhookSender(),
                    RetryPolicy.standard(), java.time.Clock.systemUTC(), true, Duration.ofMillis(10), 7, 4);
            a.start();
            b.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && f.jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries "
                        + "WHERE org_id = ? AND status = 'delivered'", Integer.class, org) < 200) {
                    Thread.sleep(50);
                }
            } finally {
                a.stop();
                b.stop();
            }
            for (WebhookFixture.Received r : receiver.received) {
                seen.computeIfAbsent(r.header("webhook-id"), k -> new AtomicInteger()).incrementAndGet();
            }
            assertThat(seen.keySet()).isEqualTo(events);
            assertThat(seen.values().stream().filter(c -> c.get() != 1).collect(Collectors.toList())).isEmpty();
            assertThat(receiver.received).hasSize(200);
            assertThat(f.jdbc.queryForList("SELECT DISTINCT attempts FROM webhook_deliveries WHERE org_id = ?",
                    Integer.class, org)).containsExactly(1);
        }
    }

    @Test
    void aCrashedWorkersClaimComesBackWhenItsLeaseRunsOut() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 200)) {
            String org = "org-lease";
            f.endpoint(org, receiver.url("/lease"), List.of("*"));
            String event = publish(org);
            WebhookFixture.MutableClock clock = clock();
            // a worker claims it and dies before sending
            List<WebhookStore.Claimed> claimed = f.store.claim(clock.instant(), WebhookDeliveryWorker.LEASE, 10);
            assertThat(claimed).extracting(WebhookStore.Claimed::eventId).contains(event);
            WebhookDeliveryWorker survivor = f.worker(clock);
            assertThat(survivor.runOnce()).isZero();
            assertThat(deliveryOf(event).get("status")).isEqualTo("delivering");
            clock.advance(WebhookDeliveryWorker.LEASE.plusSeconds(1));
            assertThat(survivor.runOnce()).isEqualTo(1);
            assertThat(deliveryOf(event).get("status")).isEqualTo("delivered");
            // the dead worker's late report cannot overwrite the outcome
            WebhookStore.Claimed stale = claimed.stream().filter(c -> c.eventId().equals(event)).findFirst().orElseThrow();
            assertThat(f.store.failed(stale, 500, "late", clock.instant().plusSeconds(1))).isFalse();
            assertThat(deliveryOf(event).get("status")).isEqualTo("delivered");
            assertThat(receiver.received).hasSize(1);
        }
    }

    @Test
    void rotatedSecretsSignWithBothUntilTheOldOneExpires() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 200)) {
            String org = "org-rotate";
            String endpoint = f.endpoint(org, receiver.url("/rotate"), List.of("*"));
            String old = f.store.findEndpoint(org, endpoint).orElseThrow().secret();
            WebhookFixture.MutableClock clock = clock();
            String fresh = f.store.rotateSecret(org, endpoint, Duration.ofHours(1), clock.instant()).orElseThrow();
            publish(org);
            f.worker(clock).runOnce();
            WebhookFixture.Received r = receiver.received.get(0);
            assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
            verify(old, r);
            verify(fresh, r);
            // after the overlap only the new secret signs
            clock.advance(Duration.ofHours(2));
            publish(org);
            f.worker(clock).runOnce();
            WebhookFixture.Received later = receiver.received.get(1);
            assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
            verify(fresh, later);
        }
    }

    @Test
    void redirectsAreNotFollowedAndBlockedTargetsAreNeverContacted() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 302)) {
            String org = "org-redirect";
            f.endpoint(org, receiver.url("/moved"), List.of("*"));
            String event = publish(org);
            f.worker(clock()).runOnce();
            Map<String, Object> d = deliveryOf(event);
            assertThat(d.get("status")).isEqualTo("pending");
            assertThat(d.get("last_status_code")).isEqualTo(302);
            assertThat((String) d.get("last_error")).contains("redirects are not followed");
            assertThat(receiver.received).hasSize(1);
        }
        // an endpoint stored with an address the guard refuses (e.g. DNS changed since creation)
        String org = "org-ssrf";
        f.endpoint(org, "http://169.254.169.254/latest/meta-data/", List.of("*"));
        String event = publish(org);
        f.worker(clock()).runOnce();
        Map<String, Object> d = deliveryOf(event);
        assertThat(d.get("status")).isEqualTo("pending");
        assertThat(d.get("last_status_code")).isNull();
        assertThat((String) d.get("last_error")).contains("refused by the SSRF guard").contains("link-local");
    }

    @Test
    void aSlowReceiverTimesOut() throws Exception {
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        })) {
            WebhookSender sender = new WebhookSender(Duration.ofSeconds(1), Duration.ofMillis(700),
                    (SSLSocketFactory) SSLSocketFactory.getDefault());
            long started = System.nanoTime();
            WebhookSender.Response response = sender.post(f.guard.check(receiver.url("/slow")), Map.of("webhook-id", "x"),
                    "{}".getBytes());
            assertThat(response.success()).isFalse();
            assertThat(response.error()).contains("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void aDisabledEndpointsDeliveriesAreDead() {
        String org = "org-disabled";
        String endpoint = f.endpoint(org, "http://127.0.0.1:1/x", List.of("*"));
        String event = publish(org);
        f.jdbc.update("UPDATE webhook_endpoints SET active = false WHERE id = ?", endpoint);
        f.worker(clock()).runOnce();
        assertThat(deliveryOf(event).get("status")).isEqualTo("dead");
        assertThat((String) deliveryOf(event).get("last_error")).contains("disabled");
    }
}
