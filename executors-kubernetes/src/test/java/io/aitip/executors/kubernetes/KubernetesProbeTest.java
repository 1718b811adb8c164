package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.kubernetes.probes.ClusterProbeExecutor;
import io.aitip.executors.kubernetes.probes.ProbeJobs;
import io.aitip.executors.kubernetes.probes.ProbeReconciler;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedKubelet;
import io.aitip.executors.kubernetes.workloads.BatchRunManifests;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.platform.datasets.DatasetService;
import io.aitip.platform.datasets.DatasetStore;
import io.aitip.platform.evaluation.BenchmarkRegistry;
import io.aitip.platform.evaluation.EvaluationRunTool;
import io.aitip.platform.evaluation.EvalItem;
import io.aitip.platform.evaluation.EvaluationRun;
import io.aitip.platform.evaluation.EvaluationRecords;
import io.aitip.platform.sandbox.ProbeExecutor;
import io.aitip.platform.sandbox.ProbeFailed;
import io.aitip.platform.sandbox.ProbeRequest;
import io.aitip.platform.sandbox.ProbeTarget;
import io.aitip.platform.simulation.SimulationRecords;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ToolContext;
import tools.jackson.databind.JsonNode;
import io.aitip.platform.evaluation.EvaluationService;
import io.aitip.platform.evaluation.EvaluationStore;
import io.aitip.platform.evaluation.EvaluationView;
import io.aitip.platform.experiments.RunMetricStore;
import io.aitip.platform.models.ModelRegisterTool;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelStore;
import io.aitip.platform.sandbox.ProbeRecords;
import io.aitip.platform.sandbox.TargetResolver;
import io.aitip.platform.sandbox.Targets;
import io.aitip.platform.simulation.ScenarioLibrary;
import io.aitip.platform.simulation.SimulationRunTool;
import io.aitip.platform.simulation.SimulationService;
import io.aitip.platform.simulation.SimulationStore;
import io.aitip.platform.simulation.SimulationView;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.testing.TinyChat;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * evaluation_run and simulation_run with {@code AITIP_EXECUTOR=kubernetes}: the real tools, services
 * and PostgreSQL store over {@link ClusterProbeExecutor}, and a real model server (TinyChat). The API
 * server is SIMULATED (fabric8's mock in CRUD mode) and {@link SimulatedKubelet} plays the Job
 * controller and kubelet: it mounts the Job's ConfigMap in a temporary folder and runs the probe's
 * {@code java ProbeRunner.java} command as a local process, whose output is the pod log. What a real
 * cluster adds: pulling the JDK image, the pod's own network path (and egress policy) to the target.
 */
class KubernetesProbeTest {

    static final TestToolContext ctx = TestToolContext.member("org-kube", "prj-probe");
    static final String NS = "aitip-prj-probe";

    static TestDatabase db;
    static HikariDataSource pool;
    static JdbcTemplate jdbc;
    static TinyChat weak;
    static EvaluationStore evaluations;
    static SimulationStore simulations;
    static List<ProbeRecords> records;

    SimulatedCluster cluster;
    KubernetesClient client;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        jdbc = new JdbcTemplate(pool);
        evaluations = new EvaluationStore(jdbc);
        simulations = new SimulationStore(jdbc, new WebhookOutbox());
        records = List.of(new EvaluationRecords(evaluations), new SimulationRecords(simulations, new ScenarioLibrary()));
        weak = TinyChat.start("weak");
        new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc)).register(ctx,
                new ModelRegisterTool.Input("tiny-chat", null, "s3://models/tiny-chat", "pytorch", "safetensors", null));
    }

    @AfterAll
    static void close() {
        weak.close();
        pool.close();
        db.close();
    }

    @BeforeEach
    void cluster() {
        // a run an earlier test left running must not be mistaken for this test's
        jdbc.update("UPDATE evaluation_runs SET status = 'failed', status_message = 'left by an earlier test' "
                + "WHERE status = 'running'");
        jdbc.update("UPDATE simulation_runs SET status = 'failed', status_message = 'left by an earlier test' "
                + "WHERE status = 'running'");
        cluster = new SimulatedCluster();
        client = cluster.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    ClusterProbeExecutor executor(Map<String, String> images) {
        var properties = Props.fast().build();
        if (!images.isEmpty()) {
            properties = new KubernetesProperties(null, null, "aitip-{project}", true, null, null, true, null, null,
                    null, null, null, "off", null, null, images, null, null, null, null, Duration.ofSeconds(2), null,
                    null, null, null);
        }
        Cluster c = new Cluster(client, new ClusterCapabilities(client, properties.kueue()), true);
        return new ClusterProbeExecutor(new ClusterWorkloads(properties, c), c,
                new ProbeJobs(properties, Duration.ofSeconds(90), Duration.ofSeconds(20)), Duration.ofMillis(100));
    }

    EvaluationRunTool evaluationTool(ProbeExecutor probes) {
        return new EvaluationRunTool(service(probes));
    }

    EvaluationService service(ProbeExecutor probes) {
        ModelService models = new ModelService(new ModelStore(jdbc), new TrainingJobStore(jdbc), new RunMetricStore(jdbc));
        return new EvaluationService(evaluations, new BenchmarkRegistry(), models,
                new DatasetService(new DatasetStore(jdbc)), targets(new DefaultListableBeanFactory()), probes);
    }

    SimulationRunTool simulationTool(ProbeExecutor probes) {
        return new SimulationRunTool(new SimulationService(simulations, new ScenarioLibrary(),
                targets(new DefaultListableBeanFactory()), probes));
    }

    /** The Lease holder's pass; grace zero, since here nobody else follows the runs it looks at. */
    ProbeReconciler reconciler() {
        return new ProbeReconciler(new Cluster(client, new ClusterCapabilities(client, "off"), true), () -> records,
                Duration.ZERO);
    }

    /** The server process dying right after it recorded the run: nothing catches an Error, so the run stays running. */
    static final class ServerStopped extends Error {
        ServerStopped() {
            super("the server stopped", null, false, false);
        }
    }

    /** A probe executor whose server stops once the run is recorded: its Job goes on with nobody following it. */
    static ProbeExecutor stopsAfterRecording(ClusterProbeExecutor probes) {
        return new ProbeExecutor() {
            @Override
            public List<JsonNode> run(ProbeRequest request, ToolContext context, Started started) {
                return probes.run(request, context, () -> {
                    started.targetReachable();
                    throw new ServerStopped();
                });
            }

            @Override
            public String kind() {
                return "kubernetes";
            }
        };
    }

    static Targets targets(DefaultListableBeanFactory beans) {
        return new Targets(new UrlGuard("127.0.0.1", java.net.InetAddress::getAllByName, "evaluations and simulations",
                "AITIP_TARGET_ALLOWLIST"), beans.getBeanProvider(TargetResolver.class));
    }

    static EvaluationRunTool.Input eval(String target) {
        return new EvaluationRunTool.Input("tiny-chat", null, "mmlu", null, target, null, 6);
    }

    @Test
    void anEvaluationRunsAsAJobNamedAfterItsRunAndIsScoredFromThePodLog() {
        EvaluationView run = (EvaluationView) evaluationTool(executor(Map.of())).call(ctx, eval(weak.baseUrl()));

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.score()).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation_items WHERE eval_id = ?", Integer.class,
                run.evalId())).isEqualTo(6);
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(run.evalId()).get();
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.KIND, "evaluation")
                .containsEntry(Labels.ID, run.evalId()).containsEntry(Labels.ORG, "org-kube")
                .containsEntry(Labels.PROJECT, "prj-probe");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(150L);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().equals("AITIP_TARGET") && e.getValue().equals(weak.baseUrl()));
        var files = client.configMaps().inNamespace(NS).withName(BatchRunManifests.filesName(run.evalId())).get();
        assertThat(files.getData()).containsKeys("ProbeRunner.java", "spec.json");
        assertThat(files.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo(run.evalId()));
        assertThat(ctx.progressReports()).isNotEmpty();
    }

    @Test
    void aSimulationRunsAsAJobToo() {
        SimulationView run = (SimulationView) simulationTool(executor(Map.of())).call(ctx,
                new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 4, null));

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation_attacks WHERE run_id = ?", Integer.class,
                run.runId())).isEqualTo(4);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(run.runId()).get().getMetadata().getLabels())
                .containsEntry(Labels.KIND, "simulation");
    }

    @Test
    void aTargetThePodCannotReachFailsTheRunWithTheProbesReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String target = "http://127.0.0.1:" + closed + "/v1";
        EvaluationRunTool tool = evaluationTool(executor(Map.of()));

        assertThatThrownBy(() -> tool.call(ctx, eval(target))).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("cannot be reached from the cluster").contains("recorded as failed");
        });
        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE target = ?", String.class,
                target)).contains("connection to " + target + " refused");
    }

    @Test
    void anImageThatCannotBePulledFailsTheRunAndDeletesTheJobInTheForeground() {
        EvaluationRunTool tool = evaluationTool(executor(Map.of("probe", "registry.example.com/does-not-exist:1")));

        assertThatThrownBy(() -> tool.call(ctx, eval(weak.baseUrl()))).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.getMessage()).contains("registry.example.com/does-not-exist:1 cannot be pulled"));
        String id = jdbc.queryForObject("SELECT id FROM evaluation_runs WHERE status_message LIKE '%cannot be pulled%'",
                String.class);
        assertThat(cluster.deletes()).anyMatch(d -> d.contains("/jobs") && d.contains("Foreground"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(id).get()).isNull();
    }

    @Test
    void anOomKilledProbeFailsTheRunAndSaysSo() throws Exception {
        cluster.kubelet().mode(SimulatedKubelet.Mode.HOLD);
        EvaluationRunTool tool = evaluationTool(executor(Map.of()));
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> tool.call(ctx, eval(weak.baseUrl())));
        String id = awaitRunning("evaluation");

        await(() -> {
            cluster.kubelet().oomKill(NS, id); // repeated until it takes (see above)
            return call.isDone();
        });

        assertThat(call).failsWithin(Duration.ofSeconds(60)).withThrowableThat()
                .withMessageContaining("OOMKilled: probe pod");
        assertThat(evaluations.status(id)).contains("failed");
    }

    @Test
    void cancellingTheCallDeletesTheJobInTheForeground() throws Exception {
        cluster.kubelet().mode(SimulatedKubelet.Mode.HOLD);
        TestToolContext caller = TestToolContext.member("org-kube", "prj-probe");
        EvaluationRunTool tool = evaluationTool(executor(Map.of()));
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> tool.call(caller, eval(weak.baseUrl())));
        String id = awaitRunning("evaluation");

        caller.cancel();

        assertThat(call).failsWithin(Duration.ofSeconds(60));
        await(() -> client.batch().v1().jobs().inNamespace(NS).withName(id).get() == null);
        assertThat(cluster.deletes()).anyMatch(d -> d.contains("/jobs") && d.contains("Foreground"));
        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE id = ?", String.class, id))
                .isEqualTo("cancelled by the caller");
    }

    @Test
    void aJobThatSucceededWhileTheServerWasDownIsScoredAsTheLivePathScoresIt() throws Exception {
        EvaluationView live = (EvaluationView) evaluationTool(executor(Map.of())).call(ctx, eval(weak.baseUrl()));
        EvaluationRunTool stopping = evaluationTool(stopsAfterRecording(executor(Map.of())));
        assertThatThrownBy(() -> stopping.call(ctx, eval(weak.baseUrl()))).isInstanceOf(ServerStopped.class);
        String id = awaitRunning("evaluation");
        await(() -> jobHas(id, "Complete")); // the simulated kubelet ran the probe; no server read its log

        assertThat(reconciler().reconcile(" while the server was down")).isEqualTo(new ProbeReconciler.Outcome(1, 0, 0));

        EvaluationRun adopted = service(executor(Map.of())).require(Scope.of(ctx), id);
        assertThat(adopted.status()).isEqualTo("succeeded");
        assertThat(adopted.score()).isEqualTo(live.score());
        String items = "SELECT string_agg(item_id || '|' || coalesce(answer, '') || '|' || coalesce(extracted, '') || '|' "
                + "|| correct, '/' ORDER BY idx) FROM evaluation_items WHERE eval_id = ?";
        assertThat(jdbc.queryForObject(items, String.class, id)).isEqualTo(jdbc.queryForObject(items, String.class,
                live.evalId()));
        assertThat(jdbc.queryForObject("SELECT pending_items IS NULL FROM evaluation_runs WHERE id = ?", Boolean.class,
                id)).isTrue();
        await(() -> client.batch().v1().jobs().inNamespace(NS).withName(id).get() == null);
        assertThat(client.configMaps().inNamespace(NS).withName(BatchRunManifests.filesName(id)).get()).isNull();
        assertThat(cluster.deletes()).anyMatch(d -> d.contains("/jobs/" + id) && d.contains("Foreground"));
        assertThat(reconciler().reconcile("")).isEqualTo(new ProbeReconciler.Outcome(0, 0, 0));
    }

    @Test
    void anAdoptedSimulationSendsItsCompletedEventOnce() throws Exception {
        SimulationRunTool stopping = simulationTool(stopsAfterRecording(executor(Map.of())));
        assertThatThrownBy(() -> stopping.call(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 4, null)))
                .isInstanceOf(ServerStopped.class);
        String id = awaitRunning("simulation");
        await(() -> jobHas(id, "Complete"));

        assertThat(reconciler().reconcile(" while the server was down")).isEqualTo(new ProbeReconciler.Outcome(1, 0, 0));

        assertThat(simulations.status(id)).contains("succeeded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation_attacks WHERE run_id = ?", Integer.class, id))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT safety_score FROM simulation_runs WHERE id = ?", Double.class, id))
                .isNotNull();
        assertThat(completedEvents(id)).containsExactly("succeeded");
        assertThat(reconciler().reconcile("")).isEqualTo(new ProbeReconciler.Outcome(0, 0, 0));
        assertThat(completedEvents(id)).hasSize(1);
    }

    @Test
    void aJobThatFailedWhileTheServerWasDownFailsTheRunWithItsReason() throws Exception {
        cluster.kubelet().mode(SimulatedKubelet.Mode.HOLD);
        SimulationRunTool stopping = simulationTool(stopsAfterRecording(executor(Map.of())));
        assertThatThrownBy(() -> stopping.call(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 4, null)))
                .isInstanceOf(ServerStopped.class);
        String id = awaitRunning("simulation");
        await(() -> {
            cluster.kubelet().oomKill(NS, id); // repeated until it takes: the kubelet may not know the pod yet
            return jobHas(id, "Failed");
        });

        assertThat(reconciler().reconcile(" while the server was down")).isEqualTo(new ProbeReconciler.Outcome(0, 1, 0));

        assertThat(jdbc.queryForObject("SELECT status_message FROM simulation_runs WHERE id = ?", String.class, id))
                .startsWith("OOMKilled: probe pod");
        assertThat(completedEvents(id)).containsExactly("failed");
        await(() -> client.batch().v1().jobs().inNamespace(NS).withName(id).get() == null);
    }

    @Test
    void aJobDeletedByHandWhileTheServerWasDownFailsTheRun() throws Exception {
        cluster.kubelet().mode(SimulatedKubelet.Mode.HOLD);
        EvaluationRunTool stopping = evaluationTool(stopsAfterRecording(executor(Map.of())));
        assertThatThrownBy(() -> stopping.call(ctx, eval(weak.baseUrl()))).isInstanceOf(ServerStopped.class);
        String id = awaitRunning("evaluation");
        client.batch().v1().jobs().inNamespace(NS).withName(id).delete();
        await(() -> client.batch().v1().jobs().inNamespace(NS).withName(id).get() == null);

        assertThat(reconciler().reconcile(" while the server was down")).isEqualTo(new ProbeReconciler.Outcome(0, 1, 0));

        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE id = ?", String.class, id))
                .isEqualTo("its Job was deleted outside AITIP while the server was down");
    }

    @Test
    void whenTheFollowerAndTheReconcilerBothFinishARunItIsStoredOnce() throws Exception {
        ClusterProbeExecutor probes = executor(Map.of());
        List<ProbeReconciler.Outcome> passes = new java.util.ArrayList<>();
        // the reconciler takes the run between the follower reading the log and the follower storing it
        ProbeExecutor racing = new ProbeExecutor() {
            @Override
            public List<JsonNode> run(ProbeRequest request, ToolContext context, Started started) {
                List<JsonNode> results = probes.run(request, context, started);
                passes.add(reconciler().reconcile(""));
                return results;
            }
        };

        SimulationView run = (SimulationView) simulationTool(racing).call(ctx,
                new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 4, null));

        assertThat(passes).containsExactly(new ProbeReconciler.Outcome(1, 0, 0));
        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM simulation_attacks WHERE run_id = ?", Integer.class,
                run.runId())).isEqualTo(4);
        assertThat(completedEvents(run.runId())).containsExactly("succeeded");

        // and the other way round: the follower stored it, so the reconciler finds nothing to do
        SimulationView followed = (SimulationView) simulationTool(probes).call(ctx,
                new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 4, null));
        assertThat(reconciler().reconcile("")).isEqualTo(new ProbeReconciler.Outcome(0, 0, 0));
        assertThat(completedEvents(followed.runId())).containsExactly("succeeded");
    }

    @Test
    void aFollowerThatLostTheLogToTheReconcilerAnswersWithTheStoredRun() {
        ClusterProbeExecutor probes = executor(Map.of());
        ProbeExecutor losing = new ProbeExecutor() {
            @Override
            public List<JsonNode> run(ProbeRequest request, ToolContext context, Started started) {
                probes.run(request, context, started);
                reconciler().reconcile(""); // adopts the run and deletes its Job
                throw new ProbeFailed("its Job was deleted outside AITIP");
            }
        };

        EvaluationView run = (EvaluationView) evaluationTool(losing).call(ctx, eval(weak.baseUrl()));

        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM evaluation_items WHERE eval_id = ?", Integer.class,
                run.evalId())).isEqualTo(6);
    }

    @Test
    void aLogThatLostResultsOrARunWithoutKeptItemsFailsAndJobsWithoutARunAreDeleted() throws Exception {
        cluster.kubelet().mode(SimulatedKubelet.Mode.HOLD);
        String modelId = jdbc.queryForObject("SELECT id FROM models WHERE name = 'tiny-chat' AND org_id = 'org-kube'",
                String.class);
        Scope scope = Scope.of(ctx);
        ClusterWorkloads workloads = new ClusterWorkloads(Props.fast().build(),
                new Cluster(client, new ClusterCapabilities(client, "off"), true));
        ProbeJobs probeJobs = new ProbeJobs(Props.fast().build(), Duration.ofSeconds(90), Duration.ofSeconds(1));
        // a run recorded before runs kept their items, and one whose pod log holds no RESULT line (HOLD mode)
        String legacy = "eval-0fee0fee";
        String cut = "eval-0cc0cc0c";
        for (String id : List.of(legacy, cut)) {
            evaluations.insertRunning(new EvaluationStore.NewRun(id, scope, modelId, "v1", "mmlu", null, null,
                    weak.baseUrl(), Map.of(), "accuracy", 1), List.of(new EvalItem("q1", null, "1+1?", null, "2")));
            workloads.launch(probeJobs.spec(new ProbeRequest(id, "evaluation", scope,
                    new ProbeTarget("x", java.net.URI.create(weak.baseUrl()), null, null), List.of(), null, 0), "{}"));
            await(() -> {
                cluster.kubelet().finish(NS, id, 0); // repeated until it takes: the kubelet may not know the pod yet
                return jobHas(id, "Complete");
            });
        }
        jdbc.update("UPDATE evaluation_runs SET pending_items = NULL WHERE id = ?", legacy);
        // and a Job whose run was never recorded (the server stopped between the two)
        workloads.launch(probeJobs.spec(new ProbeRequest("eval-0dd0dd0d", "evaluation", scope,
                new ProbeTarget("x", java.net.URI.create(weak.baseUrl()), null, null), List.of(), null, 0), "{}"));

        assertThat(reconciler().reconcile(" while the server was down")).isEqualTo(new ProbeReconciler.Outcome(0, 2, 1));

        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE id = ?", String.class, legacy))
                .isEqualTo("its Job finished in the cluster while the server was down, but no server was following it, "
                        + "so its results were not collected; run it again");
        assertThat(jdbc.queryForObject("SELECT status_message FROM evaluation_runs WHERE id = ?", String.class, cut))
                .isEqualTo("the probe pod's log holds 0 results for 1 items (was the log rotated or the pod deleted?)");
        await(() -> client.batch().v1().jobs().inNamespace(NS).withName("eval-0dd0dd0d").get() == null);
        assertThat(reconciler().reconcile("")).isEqualTo(new ProbeReconciler.Outcome(0, 0, 0));
    }

    /** The status in each {@code simulation.completed} event written for this run. */
    List<String> completedEvents(String runId) {
        return jdbc.queryForList("SELECT payload->'data'->>'status' FROM webhook_events WHERE type = "
                + "'simulation.completed' AND payload->'data'->>'run_id' = ? ORDER BY created_at", String.class, runId);
    }

    String awaitRunning(String kind) throws InterruptedException {
        String table = kind.equals("evaluation") ? "evaluation_runs" : "simulation_runs";
        await(() -> jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE status = 'running'", Integer.class) > 0);
        return jdbc.queryForObject("SELECT id FROM " + table + " WHERE status = 'running'", String.class);
    }

    boolean jobHas(String id, String condition) {
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(id).get();
        return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream().anyMatch(c -> condition.equals(c.getType()));
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 2400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within a minute").isTrue();
    }
}
