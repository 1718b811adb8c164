package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.datasets.DatasetRegisterTool;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.Distributed;
import io.aitip.platform.training.GpuType;
import io.aitip.platform.training.JobMetricStore;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.LogLine;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingGetTool;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingLogsTool;
import io.aitip.platform.training.TrainingMetricsTool;
import io.aitip.platform.training.TrainingStopTool;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.platform.training.TrainingWaitTool;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local executor over real PostgreSQL and real OS processes, driven through the training tools:
 * what only it does (GPU devices by index, FIFO per GPU type, process trees). What every executor
 * does is in {@link LocalExecutorContractTest}.
 */
class LocalProcessExecutorTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static final TestToolContext ctx = TestToolContext.member("org-exec", "prj");

    @TempDir
    Path home;
    ExecutorHarness h;

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
    void closeHarness() {
        if (h != null) {
            h.close();
        }
    }

    ExecutorHarness harness(String gpus) {
        h = new ExecutorHarness(pool, home, gpus, 2);
        return h;
    }

    static TrainingSubmitTool.Input command(String command, GpuType type, Integer count) {
        return new TrainingSubmitTool.Input(null, "test-model", null, null, command, null, null,
                new TrainingSubmitTool.Resources(type, count, null, null), null, null, null, null, null);
    }

    JobView submit(TrainingSubmitTool.Input input) {
        return (JobView) h.submit.call(ctx, input);
    }

    TrainingJob awaitStatus(String jobId, JobStatus status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TrainingJob job = h.jobs.findById(jobId).orElseThrow();
        while (job.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = h.jobs.findById(jobId).orElseThrow();
        }
        assertThat(job.status()).as("status of %s (%s)", jobId, job.statusMessage()).isEqualTo(status);
        return job;
    }

    List<String> lines(String jobId) {
        TrainingLogsTool.Result r = (TrainingLogsTool.Result) h.logsTool.call(ctx,
                new TrainingLogsTool.Input(jobId, null, null, "0", 200));
        return r.lines().stream().map(LogLine::line).toList();
    }

    @Test
    void exampleTrainerRunsToSucceededWithMetricsLogsAndCheckpoint() {
        harness(null);
        JobView job = submit(new TrainingSubmitTool.Input("demo", "example-mlp", null, null, null, null,
                new TrainingConfig(0.2, 32, 2, 5, 0.001, 7, null), null, null, null, null, null, null));
        assertThat(job.jobId()).matches("train-[0-9a-f]{8}");
        assertThat(job.status()).isIn("queued", "running");
        assertThat(job.monitoring().logs()).isEqualTo("/api/v1/training/jobs/" + job.jobId() + "/logs");

        TrainingWaitTool.Result waited = (TrainingWaitTool.Result) h.await.call(ctx,
                new TrainingWaitTool.Input(job.jobId(), 120));
        assertThat(waited.finished()).isTrue();
        assertThat(waited.job().status()).as(waited.job().statusMessage()).isEqualTo("succeeded");
        assertThat(waited.job().exitCode()).isZero();
        assertThat(waited.job().checkpointPath()).endsWith("checkpoint-epoch-2.txt");
        assertThat(Path.of(waited.job().checkpointPath())).exists();
        assertThat(ctx.progressReports()).isNotEmpty();

        TrainingMetricsTool.Result metrics = (TrainingMetricsTool.Result) h.metricsTool.call(ctx,
                new TrainingMetricsTool.Input(job.jobId(), null, 10));
        assertThat(metrics.series()).containsKeys("loss", "accuracy", "epoch", "learning_rate");
        JobMetricStore.Series loss = metrics.series().get("loss");
        assertThat(loss.count()).isEqualTo(64);
        assertThat(loss.points()).hasSizeLessThanOrEqualTo(10);
        assertThat(loss.lastStep()).isEqualTo(64);
        assertThat(metrics.series().get("epoch").last()).isEqualTo(2.0);
        assertThat(lines(job.jobId())).anyMatch(l -> l.startsWith("ExampleTrainer: 1024 samples"))
                .anyMatch(l -> l.equals("training finished after 64 steps"));
    }

    @Test
    void gpuJobsWaitInFifoOrderAndSeeTheirDevices() throws Exception {
        harness("a100:1");
        String cmd = "echo dev=$CUDA_VISIBLE_DEVICES hp=$AITIP_HP_EPOCHS; sleep 1.5";
        JobView first = submit(command(cmd, GpuType.A100, 1));
        awaitStatus(first.jobId(), JobStatus.RUNNING, Duration.ofSeconds(10));
        JobView second = submit(command(cmd, GpuType.A100, null));
        JobView cpu = submit(command("echo dev=[$CUDA_VISIBLE_DEVICES]", null, null));

        Thread.sleep(300);
        assertThat(h.jobs.findById(second.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(h.jobs.findById(second.jobId()).orElseThrow().statusMessage()).isEqualTo("waiting for 1 a100 GPU");
        assertThat(h.executor.pool().devices()).singleElement()
                .satisfies(d -> assertThat(d.jobId()).isEqualTo(first.jobId()));
        // a CPU job is not held up by the busy GPU
        awaitStatus(cpu.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(10));
        assertThat(lines(cpu.jobId())).containsExactly("dev=[]");

        TrainingJob done = awaitStatus(first.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(15));
        TrainingJob next = awaitStatus(second.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(15));
        assertThat(next.startedAt()).isAfterOrEqualTo(done.endedAt().minusMillis(5));
        assertThat(next.assignedGpus()).isEqualTo("0");
        assertThat(lines(first.jobId())).containsExactly("dev=0 hp=");
        assertThat(lines(second.jobId())).containsExactly("dev=0 hp=");
        assertThat(h.executor.pool().free("a100")).isEqualTo(1);
    }

    @Test
    void aBigJobIsNotOvertakenByLaterSmallOnes() throws Exception {
        harness("t4:2");
        JobView small = submit(command("sleep 1", GpuType.T4, 1));
        awaitStatus(small.jobId(), JobStatus.RUNNING, Duration.ofSeconds(10));
        JobView big = submit(command("echo big", GpuType.T4, 2));
        JobView later = submit(command("echo later", GpuType.T4, 1));
        Thread.sleep(300);
        // one t4 is free, but the big job arrived first: the later small one waits behind it
        assertThat(h.jobs.findById(later.jobId()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        TrainingJob bigDone = awaitStatus(big.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(15));
        TrainingJob laterDone = awaitStatus(later.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(15));
        assertThat(bigDone.assignedGpus()).isEqualTo("0,1");
        assertThat(laterDone.startedAt()).isAfterOrEqualTo(bigDone.startedAt());
    }

    @Test
    void stopTerminatesTheWholeProcessTree() throws Exception {
        harness(null);
        JobView job = submit(command("sleep 60 & echo child=$!; wait", null, null));
        awaitStatus(job.jobId(), JobStatus.RUNNING, Duration.ofSeconds(10));
        long child = childPid(job.jobId());
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        JobView stopped = (JobView) h.stop.call(ctx, new TrainingStopTool.Input(job.jobId()));
        assertThat(stopped.status()).isEqualTo("cancelled");
        assertThat(stopped.statusMessage()).isEqualTo("stopped by training_stop");
        assertThat(ProcessHandle.of(child).map(ProcessTree::alive).orElse(false)).isFalse();
        long pid = h.jobs.findById(job.jobId()).orElseThrow().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessTree::alive).orElse(false)).isFalse();

        assertThatThrownBy(() -> h.stop.call(ctx, new TrainingStopTool.Input(job.jobId())))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("already cancelled");
                });
    }

    @Test
    void stopCancelsAQueuedJobBeforeItStarts() throws Exception {
        harness("h100:1");
        JobView busy = submit(command("sleep 30", GpuType.H100, 1));
        awaitStatus(busy.jobId(), JobStatus.RUNNING, Duration.ofSeconds(10));
        JobView waiting = submit(command("echo never", GpuType.H100, 1));
        JobView cancelled = (JobView) h.stop.call(ctx, new TrainingStopTool.Input(waiting.jobId()));
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.startedAt()).isNull();
        h.stop.call(ctx, new TrainingStopTool.Input(busy.jobId()));
        Thread.sleep(300);
        assertThat(h.jobs.findById(waiting.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(lines(waiting.jobId())).isEmpty();
    }

    @Test
    void logsTailAndCursorPages() throws Exception {
        harness(null);
        JobView job = submit(command("for i in $(seq 1 30); do echo line $i; done", null, null));
        awaitStatus(job.jobId(), JobStatus.SUCCEEDED, Duration.ofSeconds(10));

        TrainingLogsTool.Result tail = (TrainingLogsTool.Result) h.logsTool.call(ctx,
                new TrainingLogsTool.Input(job.jobId(), 5, null, null, null));
        assertThat(tail.lines()).extracting(LogLine::line).containsExactly("line 26", "line 27", "line 28", "line 29", "line 30");
        assertThat(tail.nextCursor()).isNull();

        String cursor = "0";
        int pages = 0;
        int seen = 0;
        while (cursor != null) {
            TrainingLogsTool.Result page = (TrainingLogsTool.Result) h.logsTool.call(ctx,
                    new TrainingLogsTool.Input(job.jobId(), null, null, cursor, 12));
            assertThat(page.lines()).isNotEmpty();
            assertThat(page.lines().get(0).line()).isEqualTo("line " + (seen + 1));
            seen += page.count();
            cursor = page.nextCursor();
            pages++;
        }
        assertThat(seen).isEqualTo(30);
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> h.logsTool.call(ctx, new TrainingLogsTool.Input(job.jobId(), null, null, "abc", null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/cursor"));
    }

    @Test
    void submitChecksArgumentsAgainstTheExecutorAndRecordsTheDatasetVersion() {
        harness("a100:1,t4:2");
        assertThatThrownBy(() -> submit(new TrainingSubmitTool.Input(null, "m", null, null, "true", null, null,
                null, Distributed.DDP, 2, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().pointer()).isEqualTo("/distributed");
                    assertThat(e.getMessage()).contains("kubernetes");
                });
        assertThatThrownBy(() -> submit(command("true", GpuType.A100, 4)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/resources/gpu_count");
                    assertThat(e.getMessage()).contains("a100 ×1, t4 ×2");
                });
        assertThatThrownBy(() -> submit(command("true", GpuType.H100, 1)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.getMessage()).contains("choose another gpu_type"));
        assertThatThrownBy(() -> submit(new TrainingSubmitTool.Input(null, "m", null, null, null, "pytorch:2", null,
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/image"));
        assertThatThrownBy(() -> submit(new TrainingSubmitTool.Input(null, "m", "nope", null, "true", null, null,
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));

        new DatasetRegisterTool(h.datasets).call(ctx, new DatasetRegisterTool.Input("pets", "s3://pets", null, null, null));
        h.datasets.addVersion(io.aitip.platform.support.Scope.of(ctx), "pets", "s3://pets2", null);
        JobView job = submit(new TrainingSubmitTool.Input("with-data", "m", "pets", "pytorch", "true", null, null,
                new TrainingSubmitTool.Resources(null, 2, null, null), null, null, "baseline-sweep", 5, 10));
        assertThat(job.dataset().version()).isEqualTo("v2");
        assertThat(job.resources().gpuType()).isEqualTo("t4");
        assertThat(job.experimentId()).startsWith("exp-");
        assertThat(((JobView) h.get.call(ctx, new TrainingGetTool.Input(job.jobId()))).name()).isEqualTo("with-data");

        TestToolContext other = TestToolContext.member("org-other", "prj");
        assertThatThrownBy(() -> h.get.call(other, new TrainingGetTool.Input(job.jobId())))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> h.stop.call(other, new TrainingStopTool.Input(job.jobId())))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> h.logsTool.call(other, new TrainingLogsTool.Input(job.jobId(), null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private long childPid(String jobId) throws InterruptedException {
        Pattern pattern = Pattern.compile("child=(\\d+)");
        for (int i = 0; i < 100; i++) {
            for (String line : lines(jobId)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no child pid in the logs of " + jobId);
    }

    static boolean exists(Path path) {
        return Files.exists(path);
    }
}
