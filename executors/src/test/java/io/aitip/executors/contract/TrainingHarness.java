package io.aitip.executors.contract;

import io.aitip.platform.datasets.DatasetService;
import io.aitip.platform.datasets.DatasetStore;
import io.aitip.platform.training.JobExecutor;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobMetricStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.TrainingGetTool;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.training.TrainingLogsTool;
import io.aitip.platform.training.TrainingMetricsTool;
import io.aitip.platform.training.TrainingService;
import io.aitip.platform.training.TrainingStopTool;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stores, any {@link JobExecutor} and the training tools, wired by hand as the server would
 * (with the webhook outbox, so terminal moves write their events). One harness is one server process.
 */
public final class TrainingHarness implements AutoCloseable {

    /** What an executor is built from. */
    public record Stores(JdbcTemplate jdbc, TrainingJobStore jobs, JobStateMachine states, JobLogStore logs) {
    }

    public final JdbcTemplate jdbc;
    public final TrainingJobStore jobs;
    public final JobLogStore logs;
    public final JobMetricStore metrics;
    public final JobStateMachine states;
    public final JobExecutor executor;
    public final TrainingService training;
    public final TrainingSubmitTool submit;
    public final TrainingGetTool get;
    public final TrainingLogsTool logsTool;
    public final TrainingMetricsTool metricsTool;
    public final TrainingStopTool stop;

    public TrainingHarness(DataSource dataSource, Function<Stores, JobExecutor> executorFactory) {
        jdbc = new JdbcTemplate(dataSource);
        jobs = new TrainingJobStore(jdbc);
        logs = new JobLogStore(jdbc);
        metrics = new JobMetricStore(jdbc);
        states = new JobStateMachine(jdbc, new WebhookOutbox());
        executor = executorFactory.apply(new Stores(jdbc, jobs, states, logs));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("executor", executor);
        training = new TrainingService(jobs, new DatasetService(new DatasetStore(jdbc)),
                beans.getBeanProvider(JobExecutor.class));
        submit = new TrainingSubmitTool(training);
        get = new TrainingGetTool(training);
        logsTool = new TrainingLogsTool(training, logs);
        metricsTool = new TrainingMetricsTool(training, metrics);
        stop = new TrainingStopTool(training);
    }

    @Override
    public void close() throws Exception {
        if (executor instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
