package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.runs.RunStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingStopTool;
import io.aitip.platform.testing.TestToolContext;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs logged through the MLflow API (origin external) are not the executor's: never adopted, still stoppable. */
class ExternalRunsTest {

    static TestDatabase db;
    static HikariDataSource pool;

    @TempDir
    Path home;

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

    @Test
    void recoveryLeavesExternalRunsAloneAndTrainingStopEndsThem() throws InterruptedException {
        TestToolContext ctx = TestToolContext.member("org-ext", "prj");
        try (ExecutorHarness h = new ExecutorHarness(pool, home, null, 2)) {
            TrainingJob run = new RunStore(h.jdbc, h.jobs).createExternal(Scope.of(ctx), null, "from-mlflow", Instant.now());
            assertThat(h.jobs.live()).extracting(TrainingJob::id).doesNotContain(run.id());
            h.executor.recover();
            Thread.sleep(500);
            assertThat(h.jobs.findById(run.id()).orElseThrow().status()).as("not settled as a lost process")
                    .isEqualTo(JobStatus.RUNNING);
            h.stop.call(ctx, new TrainingStopTool.Input(run.id()));
            assertThat(h.jobs.findById(run.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        }
    }
}
