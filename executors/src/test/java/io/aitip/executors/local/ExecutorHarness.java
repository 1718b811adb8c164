package io.aitip.executors.local;

import io.aitip.executors.ExecutorProperties;
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
import io.aitip.platform.training.TrainingWaitTool;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stores, a real {@link LocalProcessExecutor} and the training tools, wired by hand as the server would. */
final class ExecutorHarness implements AutoCloseable {

    final JdbcTemplate jdbc;
    final TrainingJobStore jobs;
    final JobLogStore logs;
    final JobMetricStore metrics;
    final DatasetService datasets;
    final LocalProcessExecutor executor;
    final TrainingService training;
    final TrainingSubmitTool submit;
    final TrainingGetTool get;
    final TrainingLogsTool logsTool;
    final TrainingMetricsTool metricsTool;
    final TrainingStopTool stop;
    final TrainingWaitTool await;

    ExecutorHarness(DataSource dataSource, Path home, String gpus, int maxCpuJobs) {
        jdbc = new JdbcTemplate(dataSource);
        jobs = new TrainingJobStore(jdbc);
        logs = new JobLogStore(jdbc);
        metrics = new JobMetricStore(jdbc);
        datasets = new DatasetService(new DatasetStore(jdbc));
        ExecutorProperties properties = new ExecutorProperties("local", home, gpus, maxCpuJobs, null, Duration.ofSeconds(2));
        executor = new LocalProcessExecutor(properties, jobs, new JobStateMachine(jdbc), logs);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("executor", executor);
        training = new TrainingService(jobs, datasets, beans.getBeanProvider(JobExecutor.class));
        submit = new TrainingSubmitTool(training);
        get = new TrainingGetTool(training);
        logsTool = new TrainingLogsTool(training, logs);
        metricsTool = new TrainingMetricsTool(training, metrics);
        stop = new TrainingStopTool(training);
        await = new TrainingWaitTool(training, metrics);
    }

    @Override
    public void close() {
        executor.close();
    }
}
