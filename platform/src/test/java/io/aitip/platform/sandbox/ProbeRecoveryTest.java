package io.aitip.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.evaluation.EvaluationRecords;
import io.aitip.platform.evaluation.EvaluationStore;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.models.ModelRegisterTool;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelStore;
import io.aitip.platform.simulation.ScenarioLibrary;
import io.aitip.platform.simulation.SimulationRecords;
import io.aitip.platform.simulation.SimulationStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The start-up sweep of evaluations and simulations left running by a server that stopped (local executor). */
class ProbeRecoveryTest {

    @TempDir
    Path home;

    TestDatabase db;
    HikariDataSource pool;
    JdbcTemplate jdbc;
    EvaluationStore evaluations;
    SimulationStore simulations;
    final TestToolContext ctx = TestToolContext.member("org-sweep", "prj");

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        jdbc = new JdbcTemplate(pool);
        evaluations = new EvaluationStore(jdbc);
        simulations = new SimulationStore(jdbc, new WebhookOutbox());
    }

    @AfterEach
    void tearDown() {
        pool.close();
        db.close();
    }

    ProbeRecovery recovery(ProbeExecutor executor) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("probes", executor);
        return new ProbeRecovery(List.of(new EvaluationRecords(evaluations),
                new SimulationRecords(simulations, new ScenarioLibrary())), beans.getBeanProvider(ProbeExecutor.class), home, true);
    }

    void runningRuns() throws Exception {
        String modelId = new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc))
                .register(ctx, new ModelRegisterTool.Input("m", null, "s3://m", "pytorch", "safetensors", null))
                .model().modelId();
        Scope scope = Scope.of(ctx);
        evaluations.insertRunning(new EvaluationStore.NewRun("eval-0000aaaa", scope, modelId, "v1", "mmlu", null, null,
                "http://127.0.0.1:1/v1", Map.of(), "accuracy", 3), List.of());
        evaluations.insertRunning(new EvaluationStore.NewRun("eval-0000bbbb", scope, modelId, "v1", "mmlu", null, null,
                "http://127.0.0.1:1/v1", Map.of(), "accuracy", 3), List.of());
        evaluations.fail("eval-0000bbbb", "an earlier failure");
        simulations.insertRunning("sim-0000cccc", scope, "http://127.0.0.1:1/v1", "jailbreak", 80, List.of());
        Files.createDirectories(home.resolve("sandbox/runs/eval-0000aaaa"));
        Files.writeString(home.resolve("sandbox/runs/eval-0000aaaa/spec.json"), "{}");
    }

    @Test
    void runsLeftRunningAreFailedWithAReasonAndTheirFoldersRemoved() throws Exception {
        runningRuns();

        recovery(new Sandbox(home, Duration.ofMinutes(1), Duration.ofSeconds(5), 64)).onStart();

        assertThat(evaluations.status("eval-0000aaaa")).contains("failed");
        assertThat(simulations.status("sim-0000cccc")).contains("failed");
        assertThat(jdbc.queryForObject("SELECT status_message FROM simulation_runs WHERE id = 'sim-0000cccc'",
                String.class)).isEqualTo(ProbeRecovery.MESSAGE);
        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE id = 'eval-0000bbbb'",
                String.class)).as("an ended run is left as it was").isEqualTo("an earlier failure");
        assertThat(home.resolve("sandbox/runs/eval-0000aaaa")).doesNotExist();
        assertThat(recovery(new Sandbox(home, Duration.ofMinutes(1), Duration.ofSeconds(5), 64)).sweep()).isZero();
    }

    @Test
    void onAClusterTheSweepLeavesRunsToTheReconciler() throws Exception {
        runningRuns();
        ProbeExecutor cluster = new ProbeExecutor() {
            @Override
            public List<tools.jackson.databind.JsonNode> run(ProbeRequest request,
                                                              io.aitip.tools.model.ToolContext context, Started started) {
                throw new AssertionError("the start-up sweep must not run probes");
            }

            @Override
            public String kind() {
                return "kubernetes";
            }
        };

        recovery(cluster).onStart();

        assertThat(evaluations.status("eval-0000aaaa")).contains("running");
        assertThat(simulations.status("sim-0000cccc")).contains("running");
    }
}
