package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.executors.ExecutorProperties;
import io.aitip.executors.contract.ExecutorContract;
import io.aitip.executors.contract.TrainingHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The executor contract on the local executor: real OS processes on this machine, real PostgreSQL. */
class LocalExecutorContractTest extends ExecutorContract {

    @TempDir
    Path home;

    @Override
    protected TrainingHarness newServer() {
        return new TrainingHarness(pool, stores -> new LocalProcessExecutor(
                new ExecutorProperties("local", home, null, 2, null, Duration.ofSeconds(2)), stores.jobs(),
                stores.states(), stores.logs()));
    }

    @Override
    protected void awaitWorkEnded(TrainingHarness server, String jobId) throws InterruptedException {
        Path exit = home.resolve("jobs").resolve(jobId).resolve(JobLauncher.EXIT_CODE);
        for (int i = 0; i < 400 && !Files.exists(exit); i++) {
            Thread.sleep(25);
        }
        assertThat(exit).exists();
        // the wrapper shell writes exit_code just before it exits
        long pid = server.jobs.findById(jobId).orElseThrow().pid();
        for (int i = 0; i < 400 && ProcessHandle.of(pid).map(ProcessTree::alive).orElse(false); i++) {
            Thread.sleep(25);
        }
    }

    @Override
    protected void assertWorkGone(TrainingHarness server, String jobId) {
        long pid = server.jobs.findById(jobId).orElseThrow().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessTree::alive).orElse(false)).isFalse();
    }
}
