package io.aitip.platform.evaluation;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.datasets.DatasetService;
import io.aitip.platform.datasets.DatasetStore;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.models.ModelRegisterTool;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelStore;
import io.aitip.platform.sandbox.Sandbox;
import io.aitip.platform.sandbox.TargetResolver;
import io.aitip.platform.sandbox.Targets;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.UrlGuard;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The evaluation tools wired as the application wires them, on a fresh database, with a real
 * sandbox under {@code home} and an SSRF guard that allow-lists 127.0.0.1 (as the webhook tests do).
 */
final class EvaluationFixture implements AutoCloseable {

    final TestDatabase db = TestDatabase.create();
    final HikariDataSource pool = PooledTestDataSource.of(db);
    final JdbcTemplate jdbc = new JdbcTemplate(pool);
    final DatasetService datasets = new DatasetService(new DatasetStore(jdbc));
    final ModelService models = new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc));
    final EvaluationStore store = new EvaluationStore(jdbc);
    final BenchmarkRegistry registry = new BenchmarkRegistry();
    final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    final EvaluationService service;
    final EvaluationRunTool run;
    final EvaluationGetTool get;
    final EvaluationReportTool report;
    final EvaluationListTool list;

    EvaluationFixture(Path home, Duration maxRun) {
        Targets targets = new Targets(new UrlGuard("127.0.0.1", java.net.InetAddress::getAllByName,
                "evaluations and simulations", "AITIP_TARGET_ALLOWLIST"), beans.getBeanProvider(TargetResolver.class));
        Sandbox sandbox = new Sandbox(home, maxRun, Duration.ofSeconds(20), 64);
        service = new EvaluationService(store, registry, models, datasets, targets, sandbox);
        run = new EvaluationRunTool(service);
        get = new EvaluationGetTool(service);
        report = new EvaluationReportTool(service);
        list = new EvaluationListTool(service, models);
    }

    /** Registers a model (v1) in the context's project. */
    void model(TestToolContext ctx, String name) {
        models.register(ctx, new ModelRegisterTool.Input(name, null, "s3://models/" + name, "pytorch", "safetensors", null));
    }

    int runs() {
        return jdbc.queryForObject("SELECT count(*) FROM evaluation_runs", Integer.class);
    }

    @Override
    public void close() {
        pool.close();
        db.close();
    }
}
