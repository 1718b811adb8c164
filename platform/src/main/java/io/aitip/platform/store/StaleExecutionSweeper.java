package io.aitip.platform.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Once a minute, ends executions that a dead process left {@code queued} or {@code running}
 * ({@link JdbcExecutionStore#failStale}), so their callers — and their {@code callback_url} —
 * hear {@code execution.failed} instead of nothing. A call runs at most ~11 minutes (the longest
 * waits are 10), so 15 minutes without a status change means its process is gone.
 */
@Component
public class StaleExecutionSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StaleExecutionSweeper.class);

    private final JdbcExecutionStore executions;
    private final Duration staleAfter;
    private final boolean enabled;
    private volatile ScheduledExecutorService timer;

    public StaleExecutionSweeper(JdbcExecutionStore executions,
                                 @Value("${aitip.executions.stale-after:15m}") Duration staleAfter,
                                 @Value("${aitip.webhooks.worker.enabled:${aitip.executor.recover-on-start:true}}") boolean enabled) {
        this.executions = executions;
        this.staleAfter = staleAfter;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (!enabled || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stale-executions");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 5, 60, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            List<String> ended = executions.failStale(staleAfter);
            if (!ended.isEmpty()) {
                log.info("ended {} execution(s) left unfinished by a stopped server: {}", ended.size(), ended);
            }
        } catch (RuntimeException e) {
            log.warn("stale execution sweep failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
