package io.aitip.platform.events;

import io.aitip.tools.json.Json;
import io.aitip.tools.model.Ids;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events shared by every replica through one Redis topic (Redisson). A replica hands its own
 * events to its subscribers at once, then publishes them; what arrives from the topic with another
 * replica's origin goes to local subscribers too. When Redis is unreachable (at start or later)
 * local subscribers keep getting local events, {@link #health()} says so, and the client keeps
 * reconnecting in the background.
 */
public final class RedisEventBus implements EventBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
    static final String TOPIC = "aitip:live-events";

    /** What travels on the topic: the event and the replica that published it. */
    record Envelope(String origin, LiveEvent event) {
    }

    private final String origin = Ids.next("replica", 6);
    private final LocalDispatcher local = new LocalDispatcher();
    private final String url;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-events-redis");
        t.setDaemon(true);
        return t;
    });
    private volatile RedissonClient client;
    private volatile RTopic topic;
    private volatile String problem = "connecting to Redis";

    public RedisEventBus(String url) {
        this.url = url.startsWith("redis://") || url.startsWith("rediss://") ? url : "redis://" + url;
        connect();
        monitor.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
    }

    /** The replica id that marks this process's events on the topic. */
    public String origin() {
        return origin;
    }

    @Override
    public void publish(LiveEvent event) {
        local.dispatch(event);
        RTopic t = topic;
        if (t == null) {
            return;
        }
        t.publishAsync(Json.write(new Envelope(origin, event))).whenComplete((receivers, error) -> {
            if (error != null) {
                down("publishing failed: " + error.getMessage());
            }
        });
    }

    @Override
    public Subscription subscribe(Predicate<LiveEvent> filter, Consumer<LiveEvent> listener) {
        return local.add(filter, listener);
    }

    @Override
    public BusHealth health() {
        String p = problem;
        return new BusHealth("redis", p == null, p);
    }

    private synchronized void connect() {
        if (client != null) {
            return;
        }
        try {
            Config config = new Config();
            config.useSingleServer().setAddress(url).setConnectTimeout(2000).setTimeout(2000).setRetryAttempts(1)
                    .setConnectionMinimumIdleSize(2).setConnectionPoolSize(8).setPingConnectionInterval(2000);
            RedissonClient c = Redisson.create(config);
            RTopic t = c.getTopic(TOPIC, StringCodec.INSTANCE);
            t.addListener(String.class, (channel, message) -> receive(message));
            client = c;
            topic = t;
            problem = null;
            log.info("live events fan out through Redis at {}", redacted());
        } catch (RuntimeException e) {
            down("cannot connect to Redis at " + redacted() + ": " + e.getMessage());
        }
    }

    private void receive(String message) {
        try {
            Envelope envelope = Json.MAPPER.readValue(message, Envelope.class);
            if (!origin.equals(envelope.origin())) {
                local.dispatch(envelope.event());
            }
        } catch (RuntimeException e) {
            log.warn("ignoring a malformed live event from Redis: {}", e.getMessage());
        }
    }

    /** Every 2 s: connect if never connected, else ping; the health follows what happened. */
    private void check() {
        RedissonClient c = client;
        if (c == null) {
            connect();
            return;
        }
        try {
            c.getBucket("aitip:live-events:ping", StringCodec.INSTANCE).isExistsAsync().toCompletableFuture()
                    .get(2, TimeUnit.SECONDS);
            if (problem != null) {
                log.info("Redis is reachable again; live events fan out across replicas");
            }
            problem = null;
        } catch (Exception e) {
            down("Redis does not answer: " + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
        }
    }

    private void down(String why) {
        if (problem == null) {
            log.warn("live events: {}; local subscribers still get this replica's events", why);
        }
        problem = why;
    }

    /** The URL without a password. */
    private String redacted() {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        RedissonClient c = client;
        if (c != null) {
            c.shutdown();
        }
        local.close();
    }
}
