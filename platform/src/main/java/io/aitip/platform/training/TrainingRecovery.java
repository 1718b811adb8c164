package io.aitip.platform.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Calls {@link JobExecutor#recover()} once the application has started, so no job is silently lost.
 * {@code aitip stdio} turns it off ({@code aitip.executor.recover-on-start=false}): a desktop client
 * may start it beside a running server on the same store, and only one process may adopt jobs.
 */
@Component
public class TrainingRecovery {

    private static final Logger log = LoggerFactory.getLogger(TrainingRecovery.class);

    private final ObjectProvider<JobExecutor> executors;
    private final boolean enabled;

    public TrainingRecovery(ObjectProvider<JobExecutor> executors,
                            @Value("${aitip.executor.recover-on-start:true}") boolean enabled) {
        this.executors = executors;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        if (!enabled) {
            log.info("job recovery at start is off here; the serving process adopts pending and running jobs");
            return;
        }
        JobExecutor executor = executors.getIfAvailable();
        if (executor == null) {
            log.warn("no training executor configured: pending, queued and running jobs are not recovered");
            return;
        }
        executor.recover();
    }
}
