package io.aitip.platform.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.tools.model.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class JobStateMachineTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static TrainingJobStore jobs;
    static JobStateMachine states;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jobs = new TrainingJobStore(jdbc);
        states = new JobStateMachine(jdbc);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    static String newJob() {
        String id = Ids.next("train");
        jobs.insert(TrainingJob.draft(id, "org", "prj", "usr", "n", "m", null, null, null, "true", null,
                TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
        return id;
    }

    static JobStatus status(String id) {
        return jobs.findById(id).orElseThrow().status();
    }

    @Test
    void followsTheLifecycleAndStampsTimes() {
        String id = newJob();
        assertThat(states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.message("waiting"))).isTrue();
        assertThat(states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING,
                JobChange.none().process(123, null, "/tmp/w").assignedGpus("0,1"))).isTrue();
        assertThat(states.transition(id, JobStatus.RUNNING, JobStatus.SUCCEEDED,
                JobChange.message("finished").exitCode(0).checkpointPath("/tmp/w/ck"))).isTrue();
        TrainingJob job = jobs.findById(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.queuedAt()).isNotNull();
        assertThat(job.startedAt()).isNotNull();
        assertThat(job.endedAt()).isNotNull();
        assertThat(job.pid()).isEqualTo(123L);
        assertThat(job.assignedGpus()).isEqualTo("0,1");
        assertThat(job.checkpointPath()).isEqualTo("/tmp/w/ck");
        assertThat(job.exitCode()).isZero();
    }

    @Test
    void refusesIllegalTransitionsAndTerminalStatesAreFinal() {
        String id = newJob();
        assertThatThrownBy(() -> states.transition(id, JobStatus.PENDING, JobStatus.RUNNING, JobChange.none()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pending → running");
        assertThatThrownBy(() -> states.transition(id, JobStatus.PENDING, JobStatus.SUCCEEDED, JobChange.none()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(states.transition(id, JobStatus.PENDING, JobStatus.CANCELLED, JobChange.none())).isTrue();
        for (JobStatus to : JobStatus.values()) {
            assertThat(JobStateMachine.allowed(JobStatus.CANCELLED, to)).isFalse();
            assertThat(JobStateMachine.allowed(JobStatus.SUCCEEDED, to)).isFalse();
            assertThat(JobStateMachine.allowed(JobStatus.FAILED, to)).isFalse();
        }
        assertThat(states.end(id, JobStatus.FAILED, JobChange.message("late"))).isFalse();
        assertThat(status(id)).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aMoveFromAStaleStateChangesNothing() {
        String id = newJob();
        // the row is pending: a caller that believes it is queued loses
        assertThat(states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none())).isFalse();
        assertThat(status(id)).isEqualTo(JobStatus.PENDING);
        assertThat(states.end(id, JobStatus.CANCELLED, JobChange.message("stop"))).isTrue();
        assertThat(status(id)).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void ofConcurrentMovesFromOneStateExactlyOneWins() throws Exception {
        String id = newJob();
        states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JobStatus to = i % 2 == 0 ? JobStatus.RUNNING : JobStatus.CANCELLED;
            results.add(threads.submit(() -> {
                go.await();
                return states.transition(id, JobStatus.QUEUED, to, JobChange.none());
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(status(id)).isIn(JobStatus.RUNNING, JobStatus.CANCELLED);
    }
}
