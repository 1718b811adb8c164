package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedKubelet.Mode;
import io.aitip.executors.kubernetes.workloads.BatchRunSpec;
import io.aitip.executors.kubernetes.workloads.CanarySpec;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.executors.kubernetes.workloads.InferenceServiceSpec;
import io.aitip.executors.kubernetes.workloads.TrafficSplit;
import io.aitip.executors.kubernetes.workloads.WorkloadState;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workload-launch API for inference services and evaluation/simulation runs. The API server is
 * SIMULATED (fabric8 CRUD mock + simulated kubelet, which runs Job pods but no Deployments: the
 * test plays the Deployment controller by writing its status).
 */
class ClusterWorkloadsTest {

    static final String NS = "aitip-prj-serve";
    SimulatedCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = new SimulatedCluster();
        client = cluster.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    ClusterWorkloads workloads() {
        return new ClusterWorkloads(Props.fast().build(), new Cluster(client, new ClusterCapabilities(client, "auto"),
                true));
    }

    static InferenceServiceSpec chat() {
        return new InferenceServiceSpec("svc-5e5e5e5e", "org-serve", "prj-serve", "chat", "llama", "1",
                "s3://models/llama/1", "vllm", null, null, 0, 2.0, 8.0, 2, 1, 4, Map.of());
    }

    @Test
    void anInferenceServiceWithACanaryOverTheGatewayApi() {
        cluster.install(ClusterCapabilities.HTTP_ROUTE_CRD);
        ClusterWorkloads workloads = workloads();
        workloads.deploy(chat());
        workloads.deploy(chat()); // repeated: kept, not duplicated
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(client.services().inNamespace(NS).withName("svc-5e5e5e5e").get()).isNotNull();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("svc-5e5e5e5e").get()
                .getSpec().getMaxReplicas()).isEqualTo(4);
        assertThat(weights()).containsExactly(100);
        assertThat(workloads.inferenceState(chat()).phase()).isEqualTo("progressing");

        client.apps().deployments().inNamespace(NS).withName("svc-5e5e5e5e").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(2)
                    .withReadyReplicas(2).build());
            return d;
        });
        assertThat(workloads.inferenceState(chat())).isEqualTo(new WorkloadState("ready", "2 of 2 replicas ready", 2, 2));

        TrafficSplit split = workloads.canary(chat(), new CanarySpec("2", "s3://models/llama/2", 10, 1));
        assertThat(split).isEqualTo(new TrafficSplit("gateway-api", "svc-5e5e5e5e", "svc-5e5e5e5e-canary", 10));
        assertThat(weights()).containsExactly(90, 10);
        assertThat(client.apps().deployments().inNamespace(NS).withName("svc-5e5e5e5e-canary").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getArgs()).contains("s3://models/llama/2");
        workloads.canary(chat(), new CanarySpec("2", "s3://models/llama/2", 50, 1));
        assertThat(weights()).containsExactly(50, 50);

        workloads.scale(chat(), 6);
        assertThat(client.apps().deployments().inNamespace(NS).withName("svc-5e5e5e5e").get().getSpec().getReplicas())
                .isEqualTo(6);
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("svc-5e5e5e5e").get()
                .getSpec().getMaxReplicas()).isEqualTo(6);

        workloads.endCanary(chat());
        assertThat(weights()).containsExactly(100);
        assertThat(client.apps().deployments().inNamespace(NS).withName("svc-5e5e5e5e-canary").get()).isNull();

        workloads.stopInference(chat());
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.resources(HTTPRoute.class).inNamespace(NS).list().getItems()).isEmpty();
        assertThat(workloads.inferenceState(chat()).phase()).isEqualTo("absent");
    }

    @Test
    void withoutTheGatewayApiTheCanaryIsSplitByTheAitipRouter() {
        ClusterWorkloads workloads = workloads();
        workloads.deploy(chat());
        TrafficSplit split = workloads.canary(chat(), new CanarySpec("2", "s3://models/llama/2", 25, 1));
        assertThat(split.by()).isEqualTo("aitip-router");
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(2);
        assertThat(client.resources(HTTPRoute.class).inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void anEvaluationRunsAsAJobAndReportsItsState() throws InterruptedException {
        cluster.kubelet().mode(Mode.RUN_COMMANDS);
        ClusterWorkloads workloads = workloads();
        BatchRunSpec eval = new BatchRunSpec("eval-5e5e5e5e", "evaluation", "org-serve", "prj-serve", "mmlu",
                "python:3.12", List.of("/bin/sh", "-c", "echo accuracy=0.71; exit $EXPECTED"),
                Map.of("EXPECTED", "0"), null, 0, null, null, 30);
        workloads.launch(eval);
        WorkloadState state = workloads.batchState(eval);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state.phase().equals("succeeded") && System.nanoTime() < deadline) {
            Thread.sleep(25);
            state = workloads.batchState(eval);
        }
        assertThat(state.phase()).as(state.message()).isEqualTo("succeeded");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("eval-5e5e5e5e").get().getMetadata().getLabels())
                .containsEntry(Labels.KIND, "evaluation");
        workloads.cancel(eval);
        assertThat(workloads.batchState(eval).phase()).isEqualTo("absent");
    }

    List<Integer> weights() {
        HTTPRoute route = client.resources(HTTPRoute.class).inNamespace(NS).withName("svc-5e5e5e5e").get();
        return route.getSpec().getRules().get(0).getBackendRefs().stream().map(HTTPBackendRef::getWeight).toList();
    }
}
