package io.aitip.platform.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Calls {@link JobExecutor#recover()} once the application has started, so no job is silently lost. */
@Component
public class TrainingRecovery {

    private static final Logger log = LoggerFactory.getLogger(TrainingRecovery.class);

    private final ObjectProvider<JobExecutor> executors;

    public TrainingRecovery(ObjectProvider<JobExecutor> executors) {
        this.executors = executors;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        JobExecutor executor = executors.getIfAvailable();
        if (executor == null) {
            log.warn("no training executor configured: pending, queued and running jobs are not recovered");
            return;
        }
        executor.recover();
    }
}
