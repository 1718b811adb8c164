package io.aitip.platform.sandbox;

import io.aitip.platform.support.BundledProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The start-up sweep of evaluations and simulations on the local executor: a run still
 * {@code running} when the server starts was being followed by a tool call of the process that
 * stopped, and nothing can re-attach to it (its probe wrote to that process's pipe), so it is
 * failed with a message that says so, and its sandbox folder is removed. A probe process that
 * outlived the server stops by itself at its deadline. On a cluster the Lease-holding reconciler
 * does this instead, since the Jobs outlive the server (ADR 0022).
 */
@Component
public class ProbeRecovery {

    static final String MESSAGE = "the server stopped while this run was in progress, so its results were not "
            + "collected; run it again";

    private static final Logger log = LoggerFactory.getLogger(ProbeRecovery.class);

    private final List<ProbeRecords> records;
    private final ObjectProvider<ProbeExecutor> executors;
    private final Path runs;
    private final boolean enabled;

    public ProbeRecovery(List<ProbeRecords> records, ObjectProvider<ProbeExecutor> executors,
                         @Value("${aitip.home:${user.home}/.aitip}") Path home,
                         @Value("${aitip.executor.recover-on-start:true}") boolean enabled) {
        this.records = records;
        this.executors = executors;
        this.runs = home.resolve("sandbox").resolve("runs");
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        ProbeExecutor executor = executors.getIfAvailable();
        if (!enabled || executor == null || !"local".equals(executor.kind())) {
            return;
        }
        int failed = sweep();
        if (failed > 0) {
            log.info("failed {} evaluation/simulation run(s) left running when the server stopped", failed);
        }
    }

    /** Fails every running run and removes leftover sandbox folders; returns how many runs were failed. */
    public int sweep() {
        int failed = 0;
        for (ProbeRecords store : records) {
            for (ProbeRecords.LiveRun run : store.running()) {
                if (store.failRunning(run.id(), MESSAGE)) {
                    failed++;
                }
            }
        }
        if (Files.isDirectory(runs)) {
            try (Stream<Path> leftovers = Files.list(runs)) {
                for (Path dir : leftovers.toList()) {
                    BundledProgram.deleteTree(dir);
                }
            } catch (IOException e) {
                log.warn("cannot remove leftover sandbox folders under {}: {}", runs, e.toString());
            }
        }
        return failed;
    }
}
