package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.GpuType;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.platform.tuning.HyperParameter;
import io.aitip.platform.tuning.TrainingTuneGetTool;
import io.aitip.platform.tuning.TrainingTuneStopTool;
import io.aitip.platform.tuning.TrainingTuneTool;
import io.aitip.platform.tuning.TrialScores;
import io.aitip.platform.tuning.TuneReconciler;
import io.aitip.platform.tuning.TuneService;
import io.aitip.platform.tuning.TuneSpec;
import io.aitip.platform.tuning.TuneStore;
import io.aitip.platform.tuning.TuneView;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * training_tune over real PostgreSQL and real trainer processes: the trials are training jobs of
 * the bundled example trainer, the reconciler runs on its own thread as in the server.
 */
class TrainingTuneTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static final TestToolContext ctx = TestToolContext.member("org-tune", "prj");

    @TempDir
    Path home;
    ExecutorHarness h;
    TuneReconciler reconciler;
    TrainingTuneTool tune;
    TrainingTuneGetTool get;
    TrainingTuneStopTool stop;

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

    void start(String gpus) {
        h = new ExecutorHarness(pool, home, gpus, 2);
        TuneStore store = new TuneStore(h.jdbc);
        reconciler = new TuneReconciler(store, h.training, new TrialScores(h.jdbc), true, 100);
        TuneService service = new TuneService(store, h.training, reconciler);
        tune = new TrainingTuneTool(service);
        get = new TrainingTuneGetTool(service);
        stop = new TrainingTuneStopTool(service);
        reconciler.start();
    }

    @AfterEach
    void close() {
        if (reconciler != null) {
            reconciler.stop();
        }
        if (h != null) {
            h.close();
        }
    }

    static TrainingSubmitTool.Input exampleJob(int epochs) {
        return new TrainingSubmitTool.Input(null, "example-mlp", null, null, null, null,
                new TrainingConfig(null, 32, epochs, null, null, 42, null), null, null, null, null, null, null);
    }

    static TuneSpec.SearchParam values(HyperParameter name, Double... values) {
        return new TuneSpec.SearchParam(name, List.of(values), null, null, null, null);
    }

    TuneView waitFor(String tuneId) {
        return (TuneView) get.call(ctx, new TrainingTuneGetTool.Input(tuneId, 240));
    }

    @Test
    void gridSearchRunsEveryTrialAsAJobAndPicksTheBest() {
        start(null);
        TuneView started = (TuneView) tune.call(ctx, new TrainingTuneTool.Input("lr-grid", exampleJob(3),
                List.of(values(HyperParameter.LEARNING_RATE, 0.5, 0.00001)), null, null, 2,
                new TuneSpec.Objective("loss", null, TuneSpec.Use.TAIL_MEAN), null, null));
        assertThat(started.tuneId()).matches("tune-[0-9a-f]{8}");
        assertThat(started.status()).isEqualTo("running");
        assertThat(started.trialsPlanned()).isEqualTo(2);
        assertThat(started.objective().goal()).as("loss is minimised by default").isEqualTo("minimize");
        assertThat(started.trials()).allSatisfy(t -> assertThat(t.jobId()).as("parallelism 2 starts both").isNotNull());

        TuneView done = waitFor(started.tuneId());
        assertThat(done.status()).as(done.statusMessage()).isEqualTo("succeeded");
        assertThat(done.trialCounts()).containsEntry("succeeded", 2);
        assertThat(done.best().params()).containsEntry("learning_rate", 0.5);
        assertThat(done.best().objective()).isLessThan(done.trials().get(1).objective());
        assertThat(ctx.progressReports()).isNotEmpty();

        for (TuneView.TrialView trial : done.trials()) {
            TrainingJob job = h.jobs.findById(trial.jobId()).orElseThrow();
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(job.experimentId()).as("trials are grouped in the tune's experiment").isEqualTo(done.experimentId());
            assertThat(job.config().learningRate()).isEqualTo(trial.params().get("learning_rate"));
            assertThat(job.config().epochs()).as("the base config stays").isEqualTo(3);
            assertThat(job.name()).isEqualTo("lr-grid-trial-" + trial.number());
        }
        assertThat(h.jobs.experimentId(io.aitip.platform.support.Scope.of(ctx), "lr-grid")).contains(done.experimentId());
    }

    @Test
    void theMedianRuleStopsATrialThatFallsBehind() {
        start(null);
        TuneView started = (TuneView) tune.call(ctx, new TrainingTuneTool.Input("median", exampleJob(8),
                List.of(values(HyperParameter.LEARNING_RATE, 0.5, 0.3, 0.2, 0.00001)), TuneSpec.Algorithm.GRID, null, 1,
                null, new TuneSpec.EarlyStopping(null, 20, 3), null));
        TuneView done = waitFor(started.tuneId());
        assertThat(done.status()).as(done.statusMessage()).isEqualTo("succeeded");
        TuneView.TrialView bad = done.trials().get(3);
        assertThat(bad.params()).containsEntry("learning_rate", 0.00001);
        assertThat(bad.status()).as(bad.message()).isEqualTo("stopped_early");
        assertThat(bad.message()).contains("median");
        assertThat(bad.objectiveStep()).as("stopped before its 256 steps").isLessThan(256);
        assertThat(h.jobs.findById(bad.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(done.trials().subList(0, 3)).allSatisfy(t -> assertThat(t.status()).isEqualTo("succeeded"));
        assertThat(done.best().number()).isIn(1, 2, 3);
    }

    @Test
    void randomSearchDrawsReproducibleTrialsAndMaximisesAccuracy() {
        start(null);
        TuneSpec.SearchParam lr = new TuneSpec.SearchParam(HyperParameter.LEARNING_RATE, null, 0.05, 0.5,
                TuneSpec.Scale.LOG, null);
        TuneView started = (TuneView) tune.call(ctx, new TrainingTuneTool.Input(null, exampleJob(1), List.of(lr,
                values(HyperParameter.BATCH_SIZE, 16.0, 32.0)), TuneSpec.Algorithm.RANDOM, 3, 3,
                new TuneSpec.Objective("accuracy", null, TuneSpec.Use.BEST), null, 7));
        assertThat(started.name()).startsWith("tune-example-mlp-");
        assertThat(started.objective().goal()).isEqualTo("maximize");
        assertThat(started.trials()).hasSize(3).allSatisfy(t -> {
            assertThat(t.params().get("learning_rate")).isBetween(0.05, 0.5);
            assertThat(t.params().get("batch_size")).isIn(16.0, 32.0);
        });
        TuneView done = waitFor(started.tuneId());
        assertThat(done.status()).isEqualTo("succeeded");
        double best = done.best().objective();
        assertThat(done.trials()).allSatisfy(t -> assertThat(t.objective()).isLessThanOrEqualTo(best));
        TrainingJob job = h.jobs.findById(done.trials().get(0).jobId()).orElseThrow();
        assertThat(job.config().batchSize()).isEqualTo(done.trials().get(0).params().get("batch_size").intValue());
    }

    @Test
    void aBaseJobTheExecutorRefusesFailsTheCallAndStoresNothing() {
        start("t4:1");
        TrainingSubmitTool.Input tooBig = new TrainingSubmitTool.Input(null, "example-mlp", null, null, null, null, null,
                new TrainingSubmitTool.Resources(GpuType.T4, 4, null, null), null, null, null, null, null);
        assertThatThrownBy(() -> tune.call(ctx, new TrainingTuneTool.Input("too-big", tooBig,
                List.of(values(HyperParameter.LEARNING_RATE, 0.1, 0.2)), null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/base_job/resources/gpu_count");
                });
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM tunes WHERE name = 'too-big'", Long.class)).isZero();
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM training_jobs WHERE name LIKE 'too-big%'", Long.class)).isZero();

        assertThatThrownBy(() -> tune.call(ctx, new TrainingTuneTool.Input(null, exampleJob(1),
                List.of(new TuneSpec.SearchParam(HyperParameter.LEARNING_RATE, null, 0.0, 0.1, TuneSpec.Scale.LOG, null)),
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e ->
                        assertThat(e.error().pointer()).isEqualTo("/search_space/0/min"));
    }

    @Test
    void stoppingATuneCancelsPendingTrialsAndStopsRunningJobs() throws InterruptedException {
        start(null);
        TrainingSubmitTool.Input sleeper = new TrainingSubmitTool.Input(null, "sleeper", null, null, "sleep 60", null,
                null, null, null, null, null, null, null);
        TuneView started = (TuneView) tune.call(ctx, new TrainingTuneTool.Input("stop-me", sleeper,
                List.of(values(HyperParameter.SEED, 1.0, 2.0, 3.0)), null, null, 1, null, null, null));
        String running = started.trials().get(0).jobId();
        TestToolContext other = TestToolContext.member("org-elsewhere", "prj");
        assertThatThrownBy(() -> get.call(other, new TrainingTuneGetTool.Input(started.tuneId(), null)))
                .isInstanceOfSatisfying(ToolException.class, e ->
                        assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));

        TuneView stopped = (TuneView) stop.call(ctx, new TrainingTuneStopTool.Input(started.tuneId()));
        assertThat(stopped.status()).isEqualTo("cancelled");
        assertThat(stopped.trials()).allSatisfy(t -> assertThat(t.status()).isEqualTo("cancelled"));
        assertThat(stopped.trials().get(1).jobId()).as("pending trials never start").isNull();
        TrainingJob job = h.jobs.findById(running).orElseThrow();
        for (int i = 0; i < 100 && !job.status().terminal(); i++) {
            Thread.sleep(50);
            job = h.jobs.findById(running).orElseThrow();
        }
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> stop.call(ctx, new TrainingTuneStopTool.Input(started.tuneId())))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT));
    }
}
