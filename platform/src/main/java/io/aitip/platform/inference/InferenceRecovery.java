package io.aitip.platform.inference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Calls {@link InferenceExecutor#recover()} once the application has started, before training
 * recovery (highest precedence), so the GPUs of replicas still running are held again before queued
 * training jobs are scheduled. Off where {@code aitip.executor.recover-on-start=false} ({@code aitip stdio}).
 */
@Component
public class InferenceRecovery {

    private static final Logger log = LoggerFactory.getLogger(InferenceRecovery.class);

    private final ObjectProvider<InferenceExecutor> executors;
    private final boolean enabled;

    public InferenceRecovery(ObjectProvider<InferenceExecutor> executors,
                             @Value("${aitip.executor.recover-on-start:true}") boolean enabled) {
        this.executors = executors;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void recover() {
        InferenceExecutor executor = executors.getIfAvailable();
        if (!enabled || executor == null) {
            log.info("inference replica recovery at start is off here");
            return;
        }
        executor.recover();
    }
}
