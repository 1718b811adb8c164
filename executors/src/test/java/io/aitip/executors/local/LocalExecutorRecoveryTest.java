package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.GpuType;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.LogLine;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart, simulated: executor A starts jobs and stops watching (as on shutdown or a
 * crash, processes keep running); executor B over the same database and home calls recover().
 */
class LocalExecutorRecoveryTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static final TestToolContext ctx = TestToolContext.member("org-rec", "prj");

    @TempDir
    Path home;
    final List<ExecutorHarness> harnesses = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    @AfterEach
    void closeAll() {
        harnesses.forEach(ExecutorHarness::close);
    }

    ExecutorHarness server(String gpus, int maxCpuJobs) {
        ExecutorHarness h = new ExecutorHarness(pool, home, gpus, maxCpuJobs);
        harnesses.add(h);
        return h;
    }

    static TrainingSubmitTool.Input command(String command, GpuType type, Integer count) {
        return new TrainingSubmitTool.Input(null, "m", null, null, command, null, null,
                new TrainingSubmitTool.Resources(type, count, null, null), null, null, null, null, null);
    }

    static TrainingJob awaitStatus(ExecutorHarness h, String id, JobStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        TrainingJob job = h.jobs.findById(id).orElseThrow();
        while (job.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = h.jobs.findById(id).orElseThrow();
        }
        assertThat(job.status()).as("status of %s (%s)", id, job.statusMessage()).isEqualTo(status);
        return job;
    }

    static List<String> lines(ExecutorHarness h, String id) {
        return h.logs.after(id, 0, null, 1000).stream().map(LogLine::line).toList();
    }

    static void awaitLine(ExecutorHarness h, String id, String line) throws InterruptedException {
        for (int i = 0; i < 200 && !lines(h, id).contains(line); i++) {
            Thread.sleep(50);
        }
        assertThat(lines(h, id)).contains(line);
    }

    @Test
    void reattachesToAJobStillRunningAndKeepsItsGpus() throws Exception {
        ExecutorHarness a = server("a100:1", 2);
        JobView job = (JobView) a.submit.call(ctx, command("echo start; sleep 2; echo done", GpuType.A100, 1));
        awaitStatus(a, job.jobId(), JobStatus.RUNNING);
        awaitLine(a, job.jobId(), "start");
        a.close();

        ExecutorHarness b = server("a100:1", 2);
        b.executor.recover();
        assertThat(b.executor.pool().devices()).singleElement()
                .satisfies(d -> assertThat(d.jobId()).isEqualTo(job.jobId()));
        JobView next = (JobView) b.submit.call(ctx, command("echo next", GpuType.A100, 1));
        assertThat(b.jobs.findById(next.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

        TrainingJob done = awaitStatus(b, job.jobId(), JobStatus.SUCCEEDED);
        assertThat(done.statusMessage()).isEqualTo("finished");
        assertThat(lines(b, job.jobId())).containsExactly("start", "done");
        awaitStatus(b, next.jobId(), JobStatus.SUCCEEDED);
    }

    @Test
    void enforcesMaxRuntimeFromTheJobsStartEvenAcrossARestart() throws Exception {
        ExecutorHarness a = server(null, 2);
        JobView job = (JobView) a.submit.call(ctx, new TrainingSubmitTool.Input(null, "m", null, null,
                "sleep 60 & wait", null, null, null, null, null, null, null, 1));
        TrainingJob running = awaitStatus(a, job.jobId(), JobStatus.RUNNING);
        a.close();
        // the job has been running for two minutes by the time the server comes back
        a.jdbc.update("UPDATE training_jobs SET started_at = now() - interval '2 minutes' WHERE id = ?", job.jobId());

        ExecutorHarness b = server(null, 2);
        b.executor.recover();
        TrainingJob failed = awaitStatus(b, job.jobId(), JobStatus.FAILED);
        assertThat(failed.statusMessage()).isEqualTo("ran longer than max_runtime_minutes=1 and was terminated");
        assertThat(ProcessHandle.of(running.pid()).map(ProcessTree::alive).orElse(false)).isFalse();
    }

    @Test
    void settlesJobsThatEndedWhileTheServerWasDown() throws Exception {
        ExecutorHarness a = server(null, 2);
        JobView ok = (JobView) a.submit.call(ctx, command("sleep 0.5; echo bye", null, null));
        JobView bad = (JobView) a.submit.call(ctx, command("sleep 0.5; echo oops; exit 3", null, null));
        awaitStatus(a, ok.jobId(), JobStatus.RUNNING);
        awaitStatus(a, bad.jobId(), JobStatus.RUNNING);
        a.close();
        for (String id : List.of(ok.jobId(), bad.jobId())) {
            Path exit = home.resolve("jobs").resolve(id).resolve("exit_code");
            for (int i = 0; i < 100 && !Files.exists(exit); i++) {
                Thread.sleep(50);
            }
            assertThat(exit).exists();
        }

        ExecutorHarness b = server(null, 2);
        b.executor.recover();
        TrainingJob succeeded = b.jobs.findById(ok.jobId()).orElseThrow();
        assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(succeeded.statusMessage()).isEqualTo("finished while the server was down");
        assertThat(lines(b, ok.jobId())).containsExactly("bye");
        TrainingJob failed = b.jobs.findById(bad.jobId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.statusMessage()).contains("exited with code 3 while the server was down");
        assertThat(lines(b, bad.jobId())).containsExactly("oops");
    }

    @Test
    void marksJobsWhoseProcessIsLostAsFailedEvenIfThePidWasReused() throws Exception {
        ExecutorHarness b = server(null, 2);
        JobStateMachine states = new JobStateMachine(b.jdbc);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String lost = running(b, states, gone.pid(), Instant.now());
        // this JVM's pid with another start time: a different process now holds the pid
        String reused = running(b, states, ProcessHandle.current().pid(), Instant.parse("2001-01-01T00:00:00Z"));

        b.executor.recover();
        for (String id : List.of(lost, reused)) {
            TrainingJob job = b.jobs.findById(id).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.statusMessage()).startsWith("process lost while the server was down");
        }
    }

    @Test
    void requeuesPendingAndQueuedJobsInTheirOriginalOrder() throws Exception {
        ExecutorHarness setup = server(null, 1);
        setup.close();
        JobStateMachine states = new JobStateMachine(setup.jdbc);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = insert(setup, "sleep 0.2; echo job" + i);
            states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
            order.add(id);
            Thread.sleep(20);
        }
        order.add(insert(setup, "echo pending"));

        ExecutorHarness b = server(null, 1);
        b.executor.recover();
        List<TrainingJob> done = new ArrayList<>();
        for (String id : order) {
            done.add(awaitStatus(b, id, JobStatus.SUCCEEDED));
        }
        assertThat(done.stream().sorted(Comparator.comparing(TrainingJob::startedAt)).map(TrainingJob::id).toList())
                .containsExactlyElementsOf(order);
    }

    private static String insert(ExecutorHarness h, String command) {
        String id = Ids.next("train");
        h.jobs.insert(TrainingJob.draft(id, "org-rec", "prj", "usr", "n", "m", null, null, null, command, null,
                TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
        return id;
    }

    private String running(ExecutorHarness h, JobStateMachine states, long pid, Instant started) {
        String id = insert(h, "sleep 60");
        states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
        states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING,
                JobChange.none().process(pid, started, home.resolve("jobs").resolve(id).toString()));
        return id;
    }
}
