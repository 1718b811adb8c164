package io.aitip.policy.cedar;

import io.aitip.policy.PolicyProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The policy set in force. Loaded at start (a broken set fails the start: the server never runs
 * without policy), then the operator directory is polled and a changed set is loaded again; a set
 * that fails to load is refused with a logged error and the previous one stays in force.
 */
@Component
public class CedarPolicyStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CedarPolicyStore.class);

    /** What the last reload did, for operators and tests. */
    public record Status(String version, Instant loadedAt, String lastError, Instant lastErrorAt) {
    }

    private final PolicyLoader loader = new PolicyLoader();
    private final Path dir;
    private final ScheduledExecutorService poller;
    private volatile LoadedPolicies current;
    private volatile String fingerprint;
    private volatile Status status;

    public CedarPolicyStore(PolicyProperties properties) {
        this.dir = properties.dir();
        this.fingerprint = PolicySources.fingerprint(dir);
        this.current = loader.load(PolicySources.read(dir));
        this.status = new Status(current.version(), Instant.now(), null, null);
        log.info("policy {} loaded from {}", current.version(), current.origins());
        if (dir != null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "policy-reload");
                thread.setDaemon(true);
                return thread;
            });
            long every = properties.reloadInterval().toMillis();
            poller.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    public LoadedPolicies current() {
        return current;
    }

    public Status status() {
        return status;
    }

    /** Reloads when the operator files changed since the last look; never throws. */
    public void reloadIfChanged() {
        String now = PolicySources.fingerprint(dir);
        if (!Objects.equals(now, fingerprint)) {
            fingerprint = now;
            reload();
        }
    }

    /** Loads the files now; false (and the old set stays) when they are refused. */
    public synchronized boolean reload() {
        try {
            LoadedPolicies loaded = loader.load(PolicySources.read(dir));
            if (!loaded.version().equals(current.version())) {
                log.info("policy {} loaded from {} (was {})", loaded.version(), loaded.origins(), current.version());
            }
            current = loaded;
            status = new Status(loaded.version(), Instant.now(), null, null);
            return true;
        } catch (PolicyLoadException e) {
            log.error("policy files refused, policy {} stays in force: {}", current.version(), e.getMessage());
            status = new Status(current.version(), status.loadedAt(), e.getMessage(), Instant.now());
            return false;
        }
    }

    @Override
    public void destroy() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
