package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.kubernetes.inference.KubernetesInferenceExecutor;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedDeployments;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.DeploymentView;
import io.aitip.platform.inference.Deployments;
import io.aitip.platform.inference.InferenceCanaryTool;
import io.aitip.platform.inference.InferenceDeployTool;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.InferenceRuntime;
import io.aitip.platform.inference.InferenceScaleTool;
import io.aitip.platform.inference.InferenceStopTool;
import io.aitip.platform.inference.Replica;
import io.aitip.platform.inference.ReplicaStatus;
import io.aitip.platform.inference.ServiceEndpoints;
import io.aitip.platform.inference.ServiceStatus;
import io.aitip.platform.inference.Track;
import io.aitip.platform.models.ModelRegisterTool;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelStore;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.GpuPool;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inference tools with {@code AITIP_EXECUTOR=kubernetes}: the real PostgreSQL store and the real
 * tools over {@link KubernetesInferenceExecutor}. The API server is SIMULATED (fabric8 CRUD mock);
 * {@link SimulatedDeployments} plays the Deployment controller and kubelet (marks pods ready), since
 * no real cluster can run on these machines. What a real cluster adds: pulling the runtime image,
 * scheduling on GPU nodes, real readiness probes, kube-proxy and the Gateway's weighted routing.
 */
class KubernetesInferenceTest {

    static final TestToolContext ctx = TestToolContext.member("org-kube", "prj-kube");
    static final Scope scope = Scope.of(ctx);
    static final String NS = "aitip-prj-kube";

    static TestDatabase db;
    static HikariDataSource pool;
    static JdbcTemplate jdbc;
    static ModelRegisterTool register;

    SimulatedCluster cluster;
    KubernetesClient client;
    SimulatedDeployments controller;
    DeploymentStore store;
    KubernetesInferenceExecutor executor;
    Deployments deployments;
    InferenceDeployTool deploy;
    InferenceScaleTool scale;
    InferenceCanaryTool canary;
    InferenceStopTool stop;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        jdbc = new JdbcTemplate(pool);
        ModelService models = new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc));
        register = new ModelRegisterTool(models);
        register.call(ctx, new ModelRegisterTool.Input("llama-chat", null, "s3://models/llama-chat/1", null, null, null));
        register.call(ctx, new ModelRegisterTool.Input("llama-chat", null, "s3://models/llama-chat/2", null, null, null));
    }

    @AfterAll
    static void closeDatabase() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void start() {
        cluster = new SimulatedCluster();
        cluster.install(ClusterCapabilities.HTTP_ROUTE_CRD);
        client = cluster.newClient();
        controller = new SimulatedDeployments(cluster.admin());
        startServer();
    }

    /** One AITIP server: the executor and the tools over the shared database. */
    void startServer() {
        store = new DeploymentStore(jdbc);
        DeploymentLifecycle lifecycle = new DeploymentLifecycle(jdbc, new WebhookOutbox());
        var properties = Props.fast().build();
        ClusterWorkloads workloads = new ClusterWorkloads(properties,
                new Cluster(client, new ClusterCapabilities(client, "auto"), true));
        executor = new KubernetesInferenceExecutor(properties, workloads, store, lifecycle, GpuPool::none);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("inferenceExecutor", executor);
        ModelService models = new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc));
        deployments = new Deployments(store, lifecycle, models, beans.getBeanProvider(InferenceExecutor.class));
        deploy = new InferenceDeployTool(deployments);
        scale = new InferenceScaleTool(deployments);
        canary = new InferenceCanaryTool(deployments);
        stop = new InferenceStopTool(deployments);
    }

    @AfterEach
    void stopAll() {
        executor.close();
        // the next test's server must not find this test's services live in the shared store
        store.liveReplicas().stream().map(Replica::serviceId).distinct()
                .forEach(s -> new DeploymentLifecycle(jdbc).stopService(s, "test ended"));
        controller.close();
        client.close();
        cluster.close();
    }

    static InferenceDeployTool.Input input(String name, int replicas) {
        return new InferenceDeployTool.Input(name, "llama-chat", "v1", null, null, null, replicas, 1, 4);
    }

    io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    List<Integer> weights(String service) {
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NS).withName(service).get();
        return route.getSpec().getRules().get(0).getBackendRefs().stream().map(HTTPBackendRef::getWeight).toList();
    }

    Deployment await(String id, Predicate<Deployment> condition, String what) throws InterruptedException {
        awaitThat(() -> condition.test(store.findById(id).orElseThrow()), () -> "service " + id + " never became "
                + what + ": " + store.findById(id).orElseThrow() + " " + store.replicas(id));
        return store.findById(id).orElseThrow();
    }

    static void awaitThat(BooleanSupplier condition, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void deployScaleCanaryAndStopRunOnTheCluster() throws Exception {
        DeploymentView view = (DeploymentView) deploy.call(ctx, input("chat", 2));
        String id = view.serviceId();
        assertThat(view.runtime()).as("the cluster's default runtime").isEqualTo("vllm");
        Deployment ready = await(id, d -> d.status() == ServiceStatus.READY, "ready");
        assertThat(ready.statusMessage()).isEqualTo("2/2 replicas ready");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_events WHERE type = 'deployment.ready' "
                + "AND payload->'data'->>'service_id' = ?", Integer.class, id)).isEqualTo(1);

        // Deployment + Service + HPA + HTTPRoute in the project namespace, named from the service id
        assertThat(deployment(id).getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment(id).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("s3://models/llama-chat/1");
        assertThat(client.services().inNamespace(NS).withName(id).get()).isNotNull();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(id).get()
                .getSpec().getMaxReplicas()).isEqualTo(4);
        assertThat(weights(id)).containsExactly(100);

        // the router and evaluations reach a replica at the Service's cluster DNS name
        List<Replica> replicas = store.liveReplicas(id);
        assertThat(replicas).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(ReplicaStatus.READY));
        assertThat(executor.baseUrl(ready, replicas.get(0))).isEqualTo("http://" + id + "." + NS + ".svc:80");
        assertThat(new ServiceEndpoints(store, executor::baseUrl).chatBaseUrl(scope, "chat"))
                .contains(URI.create("http://" + id + "." + NS + ".svc:80/v1"));

        // inference_scale: the Deployment follows; the new replica becomes ready when its pod does
        scale.call(ctx, new InferenceScaleTool.Input(id, 3));
        awaitThat(() -> deployment(id).getSpec().getReplicas() == 3, () -> "never scaled to 3");
        await(id, d -> store.readyReplicas(id).size() == 3, "3 ready replicas");
        scale.call(ctx, new InferenceScaleTool.Input(id, 1));
        awaitThat(() -> deployment(id).getSpec().getReplicas() == 1, () -> "never scaled to 1");
        assertThat(store.liveReplicas(id)).hasSize(1);

        // inference_canary: a second Deployment serving v2 and the route's weights
        canary.call(ctx, new InferenceCanaryTool.Input(id, "v2", 20, null));
        String canaryName = id + "-canary";
        awaitThat(() -> deployment(canaryName) != null, () -> "no canary Deployment");
        assertThat(deployment(canaryName).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("s3://models/llama-chat/2");
        awaitThat(() -> weights(id).equals(List.of(80, 20)), () -> "weights " + weights(id));
        await(id, d -> store.readyReplicas(id).stream().anyMatch(r -> r.track() == Track.CANARY), "canary ready");
        Replica canaryReplica = store.readyReplicas(id).stream().filter(r -> r.track() == Track.CANARY).findFirst()
                .orElseThrow();
        assertThat(executor.baseUrl(store.findById(id).orElseThrow(), canaryReplica))
                .isEqualTo("http://" + canaryName + "." + NS + ".svc:80");
        canary.call(ctx, new InferenceCanaryTool.Input(id, "v2", 50, null)); // same canary, new share: no new pod
        awaitThat(() -> weights(id).equals(List.of(50, 50)), () -> "weights " + weights(id));
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);

        // inference_stop: everything of the service is deleted
        stop.call(ctx, new InferenceStopTool.Input(id));
        awaitThat(() -> client.resources(HTTPRoute.class).inNamespace(NS).list().getItems().isEmpty(),
                () -> "the HTTPRoute (deleted last) is left");
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(store.findById(id).orElseThrow().status()).isEqualTo(ServiceStatus.STOPPED);
    }

    @Test
    void replicasFollowPodReadinessAndAStalledRolloutFailsTheService() throws Exception {
        String id = ((DeploymentView) deploy.call(ctx, input("follow", 2))).serviceId();
        await(id, d -> d.status() == ServiceStatus.READY, "ready");

        controller.limit(NS + "/" + id, 1); // a pod lost: one replica waits for its replacement
        await(id, d -> store.readyReplicas(id).size() == 1, "1 ready replica");
        Replica waiting = store.liveReplicas(id).stream().filter(r -> r.status() == ReplicaStatus.STARTING).findFirst()
                .orElseThrow();
        assertThat(waiting.ordinal()).as("the newest goes back to starting").isEqualTo(1);
        assertThat(waiting.statusMessage()).contains("1 of 2 replicas ready");
        controller.release(NS + "/" + id);
        await(id, d -> store.readyReplicas(id).size() == 2, "2 ready replicas again");

        controller.stallService("stuck");
        String stuck = ((DeploymentView) deploy.call(ctx, input("stuck", 1))).serviceId();
        Deployment failed = await(stuck, d -> d.status() == ServiceStatus.FAILED, "failed");
        assertThat(failed.statusMessage()).contains("ProgressDeadlineExceeded");
        awaitThat(() -> deployment(stuck) == null, () -> "the failed service's Deployment was not deleted");
        assertThat(deployment(id)).as("the other service is untouched").isNotNull();
    }

    @Test
    void aRestartReadsTheClusterBackWithoutDuplicatesAndRemovesOrphans() throws Exception {
        String id = ((DeploymentView) deploy.call(ctx, input("survivor", 1))).serviceId();
        String ended = ((DeploymentView) deploy.call(ctx, input("ended", 1))).serviceId();
        await(id, d -> d.status() == ServiceStatus.READY, "ready");
        await(ended, d -> d.status() == ServiceStatus.READY, "ready");
        executor.close(); // the server stops; meanwhile one service is stopped in the store, one Deployment deleted by hand
        new DeploymentLifecycle(jdbc).stopService(ended, "stopped while the server was down");
        client.apps().deployments().inNamespace(NS).withName(id).delete();
        awaitThat(() -> deployment(id) == null, () -> "not deleted");

        startServer();
        executor.recover();
        assertThat(deployment(ended)).as("the ended service's workload is removed").isNull();
        assertThat(client.services().inNamespace(NS).withName(ended).get()).isNull();
        awaitThat(() -> deployment(id) != null, () -> "the live service's Deployment was not recreated");
        executor.recover(); // again: nothing new
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(store.findById(id).orElseThrow().status()).isEqualTo(ServiceStatus.READY);
    }

    @Test
    void podReasonsReachTheReplicasAndAPullErrorFailsTheService() throws Exception {
        controller.holdService("crashy"); // its pods never become ready
        String id = ((DeploymentView) deploy.call(ctx, input("crashy", 1))).serviceId();
        awaitThat(() -> deployment(id) != null, () -> "no Deployment");
        var selector = deployment(id).getSpec().getSelector().getMatchLabels();
        // the simulated cluster runs no pods for Deployments: the test writes the kubelet's pod status
        cluster.admin().pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                .withName(id + "-abc12").withNamespace(NS).withLabels(selector).endMetadata().withNewSpec()
                .addNewContainer().withName("server").withImage("vllm/vllm-openai:v0.6.4").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("server").withReady(false)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated()
                .endLastState().endContainerStatus().endStatus().build()).create();

        await(id, d -> store.liveReplicas(id).stream().anyMatch(r -> r.statusMessage() != null
                && r.statusMessage().contains("CrashLoopBackOff; last exit 137 (OOMKilled): OOMKilled, it needs more memory")),
                "the OOM reason on the replica");

        cluster.admin().pods().inNamespace(NS).withName(id + "-abc12").editStatus(p -> {
            p.getStatus().getContainerStatuses().get(0).getState().getWaiting().setReason("ImagePullBackOff");
            p.getStatus().getContainerStatuses().get(0).setLastState(null);
            return p;
        });
        Deployment failed = await(id, d -> d.status() == ServiceStatus.FAILED, "failed");
        assertThat(store.replicas(id)).anyMatch(r -> r.statusMessage() != null
                && r.statusMessage().contains("cannot be pulled (ImagePullBackOff)"));
        assertThat(failed.status()).isEqualTo(ServiceStatus.FAILED);
    }

    @Test
    void onlyTheLeaseHolderReconcilesInferenceServices() throws Exception {
        String id = ((DeploymentView) deploy.call(ctx, input("orphaned", 1))).serviceId();
        await(id, d -> d.status() == ServiceStatus.READY, "ready");
        executor.close();
        new DeploymentLifecycle(jdbc).stopService(id, "stopped while the server was down");
        var properties = Props.fast().build();
        ClusterWorkloads workloads = new ClusterWorkloads(properties,
                new Cluster(client, new ClusterCapabilities(client, "auto"), true));
        try (KubernetesInferenceExecutor follower = new KubernetesInferenceExecutor(properties, workloads, store,
                new DeploymentLifecycle(jdbc), GpuPool::none, () -> false)) {
            follower.recover();
            assertThat(deployment(id)).as("a replica without the Lease leaves the cluster alone").isNotNull();
        }
        try (KubernetesInferenceExecutor leader = new KubernetesInferenceExecutor(properties, workloads, store,
                new DeploymentLifecycle(jdbc), GpuPool::none, () -> true)) {
            leader.recover();
            assertThat(deployment(id)).as("the Lease holder deletes the stopped service's workload").isNull();
        }
    }

    @Test
    void theBuiltinRuntimeIsLocalOnly() {
        assertThatThrownBy(() -> deploy.call(ctx, new InferenceDeployTool.Input("tiny", "llama-chat", "v1",
                InferenceRuntime.BUILTIN, null, null, 1, null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("local executor");
                });
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }
}
