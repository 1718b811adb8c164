package io.aitip.executors.local;

import io.aitip.executors.ExecutorProperties;
import io.aitip.executors.InferenceProperties;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.Deployments;
import io.aitip.platform.inference.InferenceCanaryTool;
import io.aitip.platform.inference.InferenceDeployTool;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.InferenceGetTool;
import io.aitip.platform.inference.InferenceListTool;
import io.aitip.platform.inference.InferenceMetricsTool;
import io.aitip.platform.inference.InferenceRouter;
import io.aitip.platform.inference.InferenceScaleTool;
import io.aitip.platform.inference.InferenceStopTool;
import io.aitip.platform.inference.ServiceEndpoints;
import io.aitip.platform.inference.ServiceStatus;
import io.aitip.platform.inference.TrafficMetrics;
import io.aitip.platform.models.ModelRegisterTool;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelStore;
import io.aitip.platform.releases.ReleaseApproveTool;
import io.aitip.platform.releases.ReleaseCreateTool;
import io.aitip.platform.releases.ReleaseGetTool;
import io.aitip.platform.releases.ReleaseListTool;
import io.aitip.platform.releases.ReleasePromoteTool;
import io.aitip.platform.releases.ReleaseRollbackTool;
import io.aitip.platform.releases.ReleaseStore;
import io.aitip.platform.releases.Releases;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inference stores, the real local executors (training and inference over one GPU allocator),
 * the router and the inference tools, wired by hand as the server would.
 */
final class InferenceHarness implements AutoCloseable {

    final JdbcTemplate jdbc;
    final DeploymentStore store;
    final DeploymentLifecycle lifecycle;
    final LocalProcessExecutor training;
    final LocalInferenceExecutor executor;
    final Deployments deployments;
    final TrafficMetrics metrics = new TrafficMetrics();
    final InferenceRouter router;
    final ServiceEndpoints endpoints;
    final ModelRegisterTool register;
    final InferenceDeployTool deploy;
    final InferenceListTool list;
    final InferenceGetTool get;
    final InferenceMetricsTool metricsTool;
    final InferenceScaleTool scale;
    final InferenceCanaryTool canary;
    final InferenceStopTool stop;
    final ReleaseStore releaseStore;
    final Releases releases;
    final ReleaseCreateTool releaseCreate;
    final ReleaseListTool releaseList;
    final ReleaseGetTool releaseGet;
    final ReleaseApproveTool releaseApprove;
    final ReleasePromoteTool releasePromote;
    final ReleaseRollbackTool releaseRollback;

    InferenceHarness(DataSource dataSource, Path home, String gpus, InferenceProperties properties) {
        jdbc = new JdbcTemplate(dataSource);
        store = new DeploymentStore(jdbc);
        lifecycle = new DeploymentLifecycle(jdbc, new WebhookOutbox());
        TrainingJobStore jobs = new TrainingJobStore(jdbc);
        ExecutorProperties executorProperties = new ExecutorProperties("local", home, gpus, 2, null, Duration.ofSeconds(2));
        training = new LocalProcessExecutor(executorProperties, jobs, new JobStateMachine(jdbc), new JobLogStore(jdbc));
        executor = new LocalInferenceExecutor(executorProperties, properties, store, lifecycle, training);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("inferenceExecutor", executor);
        ModelService models = new ModelService(new ModelStore(jdbc), jobs, new RunMetricStore(jdbc));
        deployments = new Deployments(store, lifecycle, models, beans.getBeanProvider(InferenceExecutor.class));
        router = new InferenceRouter(store, metrics, Duration.ofSeconds(30));
        endpoints = new ServiceEndpoints(store);
        register = new ModelRegisterTool(models);
        deploy = new InferenceDeployTool(deployments);
        list = new InferenceListTool(store);
        get = new InferenceGetTool(deployments);
        metricsTool = new InferenceMetricsTool(deployments, metrics);
        scale = new InferenceScaleTool(deployments);
        canary = new InferenceCanaryTool(deployments);
        stop = new InferenceStopTool(deployments);
        releaseStore = new ReleaseStore(jdbc, new WebhookOutbox());
        releases = new Releases(releaseStore, deployments, Duration.ofSeconds(60));
        releaseCreate = new ReleaseCreateTool(releases);
        releaseList = new ReleaseListTool(releaseStore);
        releaseGet = new ReleaseGetTool(releases);
        releaseApprove = new ReleaseApproveTool(releases);
        releasePromote = new ReleasePromoteTool(releases);
        releaseRollback = new ReleaseRollbackTool(releases);
    }

    /** Registers a model version by URI (e.g. builtin://tiny-chat?profile=hardened). */
    void registerModel(TestToolContext ctx, String name, String uri) {
        register.call(ctx, new ModelRegisterTool.Input(name, null, uri, null, null, null));
    }

    /** Waits (up to a minute) until the service satisfies the condition; returns it. */
    Deployment await(Scope scope, String serviceId, Predicate<Deployment> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Deployment d = store.find(scope, serviceId).orElseThrow();
        while (!condition.test(d) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            d = store.find(scope, serviceId).orElseThrow();
        }
        if (!condition.test(d)) {
            throw new AssertionError("service " + serviceId + " never became " + what + ": " + d.status().wire() + " ("
                    + d.statusMessage() + "), replicas " + store.replicas(serviceId));
        }
        return d;
    }

    Deployment awaitReady(Scope scope, String serviceId) throws InterruptedException {
        return await(scope, serviceId, d -> d.status() == ServiceStatus.READY, "ready");
    }

    /** Waits until every live replica of the service is ready. */
    void awaitAllReplicasReady(Scope scope, String serviceId) throws InterruptedException {
        await(scope, serviceId, d -> {
            List<io.aitip.platform.inference.Replica> live = store.liveReplicas(serviceId);
            return !live.isEmpty() && live.stream().allMatch(r -> r.status() == io.aitip.platform.inference.ReplicaStatus.READY);
        }, "fully ready");
    }

    @Override
    public void close() {
        executor.close();
        training.close();
    }
}
