package io.aitip.executors.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobMetricStore;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.LogLine;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingMetricsTool;
import io.aitip.platform.training.TrainingStopTool;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every training executor must do, whatever runs the work: the same commands, submitted
 * through the same tools over real PostgreSQL, must end the same way. Each executor extends this
 * suite and says how a server starts and how to see its work from outside.
 */
public abstract class ExecutorContract {

    protected static TestDatabase db;
    protected static HikariDataSource pool;
    protected static final TestToolContext ctx = TestToolContext.member("org-contract", "prj-contract");
    private final List<TrainingHarness> servers = new ArrayList<>();

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
    }

    @AfterAll
    static void closeDatabase() {
        pool.close();
        db.close();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (TrainingHarness server : servers) {
            server.close();
        }
        servers.clear();
    }

    /** A new server process over the shared database (and the same machine or cluster as the others). */
    protected abstract TrainingHarness newServer();

    /** Waits until the work of a job (process, pod) has ended on its own, while no server watches it. */
    protected abstract void awaitWorkEnded(TrainingHarness server, String jobId) throws Exception;

    /** Asserts that nothing of the job runs any more (no process, no workload). */
    protected abstract void assertWorkGone(TrainingHarness server, String jobId) throws Exception;

    protected final TrainingHarness server() {
        TrainingHarness server = newServer();
        servers.add(server);
        return server;
    }

    protected static TrainingSubmitTool.Input command(String command) {
        return new TrainingSubmitTool.Input(null, "contract-model", null, null, command, null, null, null, null, null,
                null, null, null);
    }

    protected static TrainingJob awaitStatus(TrainingHarness h, String jobId, JobStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TrainingJob job = h.jobs.findById(jobId).orElseThrow();
        while (job.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(25);
            job = h.jobs.findById(jobId).orElseThrow();
        }
        assertThat(job.status()).as("status of %s (%s)", jobId, job.statusMessage()).isEqualTo(status);
        return job;
    }

    protected static List<String> lines(TrainingHarness h, String jobId) {
        return h.logs.after(jobId, 0, null, 1000).stream().map(LogLine::line).toList();
    }

    protected static void awaitLine(TrainingHarness h, String jobId, String line) throws InterruptedException {
        for (int i = 0; i < 600 && !lines(h, jobId).contains(line); i++) {
            Thread.sleep(25);
        }
        assertThat(lines(h, jobId)).contains(line);
    }

    @Test
    void aCommandRunsToSucceededWithItsOutputInTheLogs() throws Exception {
        TrainingHarness h = server();
        h.executor.recover();
        JobView job = (JobView) h.submit.call(ctx, command("echo hello; echo world"));
        assertThat(job.status()).isIn("queued", "running");
        TrainingJob done = awaitStatus(h, job.jobId(), JobStatus.SUCCEEDED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.statusMessage()).startsWith("finished");
        assertThat(done.startedAt()).isNotNull();
        assertThat(lines(h, job.jobId())).containsExactly("hello", "world");
        assertThat(events(h, job.jobId())).containsExactly("job.succeeded");
    }

    @Test
    void hyperparametersAndIdsReachTheJobAsEnvironment() throws Exception {
        TrainingHarness h = server();
        h.executor.recover();
        JobView job = (JobView) h.submit.call(ctx, new TrainingSubmitTool.Input(null, "contract-model", null, null,
                "echo lr=$AITIP_HP_LEARNING_RATE epochs=$AITIP_HP_EPOCHS id=$AITIP_JOB_ID model=$AITIP_MODEL", null,
                new TrainingConfig(0.01, null, 3, null, null, null, null), null, null, null, null, null, null));
        awaitStatus(h, job.jobId(), JobStatus.SUCCEEDED);
        assertThat(lines(h, job.jobId())).containsExactly("lr=0.01 epochs=3 id=" + job.jobId() + " model=contract-model");
    }

    @Test
    void metricLinesBecomeMetricSeries() throws Exception {
        TrainingHarness h = server();
        h.executor.recover();
        JobView job = (JobView) h.submit.call(ctx, command("for i in 1 2 3; do echo \"AITIP_METRIC {\\\"step\\\": $i, "
                + "\\\"loss\\\": 0.$((9 - i))}\"; done"));
        awaitStatus(h, job.jobId(), JobStatus.SUCCEEDED);
        TrainingMetricsTool.Result metrics = (TrainingMetricsTool.Result) h.metricsTool.call(ctx,
                new TrainingMetricsTool.Input(job.jobId(), null, 10));
        JobMetricStore.Series loss = metrics.series().get("loss");
        assertThat(loss.count()).isEqualTo(3);
        assertThat(loss.lastStep()).isEqualTo(3);
        assertThat(loss.last()).isEqualTo(0.6);
    }

    @Test
    void aFailingCommandFailsWithItsExitCode() throws Exception {
        TrainingHarness h = server();
        h.executor.recover();
        JobView job = (JobView) h.submit.call(ctx, command("echo oops >&2; exit 3"));
        TrainingJob failed = awaitStatus(h, job.jobId(), JobStatus.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.statusMessage()).contains("exited with code 3");
        assertThat(lines(h, job.jobId())).containsExactly("oops");
        assertThat(events(h, job.jobId())).containsExactly("job.failed");
    }

    @Test
    void stopCancelsARunningJobAndEndsItsWork() throws Exception {
        TrainingHarness h = server();
        h.executor.recover();
        JobView job = (JobView) h.submit.call(ctx, command("echo started; sleep 60"));
        awaitStatus(h, job.jobId(), JobStatus.RUNNING);
        awaitLine(h, job.jobId(), "started");

        JobView stopped = (JobView) h.stop.call(ctx, new TrainingStopTool.Input(job.jobId()));
        assertThat(stopped.status()).isEqualTo("cancelled");
        assertThat(stopped.statusMessage()).isEqualTo("stopped by training_stop");
        assertWorkGone(h, job.jobId());
        assertThat(events(h, job.jobId())).containsExactly("job.cancelled");
        assertThatThrownBy(() -> h.stop.call(ctx, new TrainingStopTool.Input(job.jobId())))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("already cancelled");
                });
    }

    @Test
    void aJobThatEndsWhileTheServerIsDownIsSettledOnRecover() throws Exception {
        TrainingHarness a = server();
        a.executor.recover();
        // the job ends when the test says so: only after the server is gone
        Path release = Files.createTempDirectory("contract").resolve("release");
        JobView job = (JobView) a.submit.call(ctx, command("echo start; while [ ! -e " + release
                + " ]; do sleep 0.05; done; echo bye"));
        awaitStatus(a, job.jobId(), JobStatus.RUNNING);
        awaitLine(a, job.jobId(), "start");
        a.close();
        Files.createFile(release);
        awaitWorkEnded(a, job.jobId());

        TrainingHarness b = server();
        b.executor.recover();
        TrainingJob done = awaitStatus(b, job.jobId(), JobStatus.SUCCEEDED);
        assertThat(done.statusMessage()).isEqualTo("finished while the server was down");
        assertThat(lines(b, job.jobId())).containsExactly("start", "bye");
        assertThat(events(b, job.jobId())).containsExactly("job.succeeded");
    }

    @Test
    void recoverRunsAJobLeftPendingByACrashBetweenStoreAndSubmit() throws Exception {
        TrainingHarness h = server();
        String id = Ids.next("train");
        h.jobs.insert(TrainingJob.draft(id, ctx.principal().orgId(), ctx.principal().projectId(), "usr", "left-pending",
                "m", null, null, null, "echo recovered", null, TrainingConfig.empty(), null, 0, null, null, "none", 1,
                null, 0, null));
        h.executor.recover();
        awaitStatus(h, id, JobStatus.SUCCEEDED);
        assertThat(lines(h, id)).containsExactly("recovered");
    }

    /** The webhook event types written for a job, oldest first. */
    protected static List<String> events(TrainingHarness h, String jobId) {
        return h.jdbc.queryForList("SELECT type FROM webhook_events WHERE payload->'data'->>'job_id' = ? "
                + "ORDER BY created_at, id", String.class, jobId);
    }
}
