package io.aitip.policy.quota;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settles reservations in the background: jobs that ended are charged their actual GPU-hours and
 * free their concurrency slot; reservations whose call never finished (a crash) are released after
 * an hour. Admission also settles an org's ended jobs before it reserves, so a freed slot is usable
 * at once; this sweep catches the rest.
 */
@Component
public class QuotaSettler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QuotaSettler.class);

    private final QuotaStore store;
    private final QuotaAdmission admission;
    private final ScheduledExecutorService sweeper;

    public QuotaSettler(QuotaStore store, QuotaAdmission admission, QuotaProperties properties,
                        @Value("${aitip.quota.settle-enabled:true}") boolean enabled) {
        this.store = store;
        this.admission = admission;
        if (!enabled) {
            this.sweeper = null;
            return;
        }
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "quota-settler");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.settleInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    public void sweep() {
        try {
            admission.settleEnded(null);
            for (String stale : store.staleHeld(Duration.ofHours(1))) {
                store.settle(stale, null);
            }
        } catch (RuntimeException e) {
            log.warn("quota settlement failed; retrying at the next sweep: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
