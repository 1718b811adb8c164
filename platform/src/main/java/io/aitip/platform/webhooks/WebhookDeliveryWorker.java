package io.aitip.platform.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, with a lease so a
 * crashed worker's claims come back), POSTs each with Standard Webhooks headers, and records the
 * outcome. 2xx is delivered; anything else is retried with backoff ({@link RetryPolicy}) until the
 * delivery is dead. At least once: the same {@code webhook-id} (the event id) on every attempt.
 * Any number of workers, in one process or many, may share the database.
 */
@Component
public class WebhookDeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);

    static final Duration LEASE = Duration.ofSeconds(60);
    /** How long a claim is this worker's; a crashed worker's claims come back after it. Longer than a send's time limit. */
    private Duration lease = LEASE;
    private final java.util.concurrent.atomic.AtomicLong deliveredCount = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failedCount = new java.util.concurrent.atomic.AtomicLong();
    static final int MAX_ERROR_CHARS = 500;

    private final WebhookStore store;
    private final UrlGuard guard;
    private final WebhookSender sender;
    private final RetryPolicy retry;
    private final Clock clock;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private final int parallelism;
    private volatile ScheduledExecutorService loop;
    private final java.util.concurrent.atomic.AtomicBoolean wakePending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ExecutorService senders;

    @Autowired
    public WebhookDeliveryWorker(WebhookStore store, UrlGuard guard,
                                 @Value("${aitip.webhooks.worker.enabled:${aitip.executor.recover-on-start:true}}") boolean enabled,
                                 @Value("${aitip.webhooks.worker.lease:60s}") Duration lease,
                                 @Value("${aitip.webhooks.worker.poll-interval:500ms}") Duration pollInterval,
                                 @Value("${aitip.webhooks.worker.batch-size:64}") int batchSize,
                                 @Value("${aitip.webhooks.worker.parallelism:16}") int parallelism) {
        this(store, guard, new WebhookSender(), RetryPolicy.standard(), Clock.systemUTC(), enabled,
                pollInterval, batchSize, parallelism);
        this.lease = lease;
    }

    public WebhookDeliveryWorker(WebhookStore store, UrlGuard guard, WebhookSender sender, RetryPolicy retry, Clock clock,
                                 boolean enabled, Duration pollInterval, int batchSize, int parallelism) {
        this.store = store;
        this.guard = guard;
        this.sender = sender;
        this.retry = retry;
        this.clock = clock;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
    }

    /** Deliveries written on this replica go out at once instead of at the next poll. */
    @Autowired(required = false)
    public void setOutbox(WebhookOutbox outbox) {
        outbox.onCommitted(this::wake);
    }

    /** Runs a drain now (coalesced: one pending wake-up at a time); the poll remains the fallback. */
    public void wake() {
        ScheduledExecutorService l = loop;
        if (l != null && wakePending.compareAndSet(false, true)) {
            try {
                l.execute(() -> {
                    wakePending.set(false);
                    try {
                        drain();
                    } catch (RuntimeException e) {
                        log.warn("webhook delivery: {}", e.getMessage());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false); // stopping
            }
        }
    }

    /**
     * Claims one batch of due deliveries and attempts each; returns how many it attempted. Failures
     * are recorded one by one as they happen; successes in one statement at the end of the batch
     * (one commit instead of one per delivery: a crash before it only means those are sent again).
     */
    public int runOnce() {
        List<WebhookStore.Claimed> claimed = store.claim(clock.instant(), lease, batchSize);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Accepted> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = senders;
        if (pool == null || claimed.size() == 1) {
            claimed.forEach(c -> attempt(c, accepted));
        } else {
            List<Future<?>> running = new ArrayList<>();
            for (WebhookStore.Claimed c : claimed) {
                running.add(pool.submit(() -> attempt(c, accepted)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    log.warn("webhook delivery attempt failed unexpectedly", e);
                }
            }
        }
        if (!accepted.isEmpty()) {
            store.deliveredAll(accepted.stream().map(Accepted::claimed).toList(),
                    accepted.stream().map(Accepted::statusCode).toList(), clock.instant());
        }
        return claimed.size();
    }

    /** A delivery the receiver accepted, to be marked delivered with its batch. */
    private record Accepted(WebhookStore.Claimed claimed, int statusCode) {
    }

    /** Runs batches until nothing is due now; returns how many attempts were made. */
    public int drain() {
        int total = 0;
        int n;
        while ((n = runOnce()) > 0) {
            total += n;
        }
        return total;
    }

    void attempt(WebhookStore.Claimed c) {
        List<Accepted> accepted = new ArrayList<>();
        attempt(c, accepted);
        accepted.forEach(a -> store.delivered(a.claimed(), a.statusCode(), clock.instant()));
    }

    private void attempt(WebhookStore.Claimed c, List<Accepted> accepted) {
        Instant now = clock.instant();
        if (c.endpointId() != null && !Boolean.TRUE.equals(c.endpointActive())) {
            store.failed(c, null, "the endpoint is disabled", null);
            return;
        }
        WebhookSender.Response response;
        try {
            UrlGuard.Target target = guard.check(c.targetUrl());
            List<String> secrets = new ArrayList<>();
            if (c.secret() != null) {
                secrets.add(c.secret());
            }
            if (c.previousSecret() != null && c.previousSecretExpiresAt() != null
                    && c.previousSecretExpiresAt().isAfter(now)) {
                secrets.add(c.previousSecret());
            }
            // the signed timestamp is the real time (receivers refuse old or future ones), whatever the scheduling clock says
            long timestamp = Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "AITIP-Webhooks/1");
            headers.put("webhook-id", c.eventId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            if (!secrets.isEmpty()) {
                headers.put("webhook-signature", WebhookSecrets.signature(secrets, c.eventId(), timestamp, c.payload()));
            }
            response = sender.post(target, headers, WebhookSecrets.utf8(c.payload()));
        } catch (UrlGuard.Refused e) {
            response = new WebhookSender.Response(0, "refused by the SSRF guard: " + e.getMessage());
        } catch (RuntimeException e) {
            response = new WebhookSender.Response(0, "internal error: " + e.getMessage());
        }
        Instant done = clock.instant();
        if (response.success()) {
            accepted.add(new Accepted(c, response.statusCode()));
            deliveredCount.incrementAndGet();
            return;
        }
        failedCount.incrementAndGet();
        int attempts = c.attempts() + 1;
        Integer code = response.statusCode() == 0 ? null : response.statusCode();
        String error = clip(response.error());
        Instant next = retry.exhausted(c.createdAt(), done) ? null : done.plus(retry.delayAfter(attempts));
        store.failed(c, code, error, next);
        if (next == null) {
            log.info("webhook delivery {} of event {} is dead after {} attempts: {}", c.id(), c.eventId(), attempts, error);
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }

    /** Attempts this worker made since it started that the receiver accepted (2xx), and that failed. */
    public java.util.Map<String, Long> counts() {
        return java.util.Map.of("delivered", deliveredCount.get(), "failed_attempts", failedCount.get());
    }

    @Override
    public synchronized void start() {
        if (!enabled || loop != null) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-worker");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("webhook delivery loop: {}", e.getMessage());
            }
        }, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            senders.shutdownNow();
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
            senders = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
