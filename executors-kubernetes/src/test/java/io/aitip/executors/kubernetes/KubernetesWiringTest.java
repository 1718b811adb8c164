package io.aitip.executors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.executors.local.LocalProcessExecutor;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.training.JobExecutor;
import io.aitip.platform.training.TrainingRecovery;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The beans as the server's component scan of {@code io.aitip} finds them with
 * {@code AITIP_EXECUTOR=kubernetes}; the kubeconfig points at a SIMULATED API server (fabric8 CRUD mock).
 */
class KubernetesWiringTest {

    @Configuration
    @ComponentScan({"io.aitip.platform.datasets", "io.aitip.platform.training", "io.aitip.executors"})
    static class Scan {
    }

    static TestDatabase db;
    static HikariDataSource pool;
    static SimulatedCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        cluster = new SimulatedCluster();
    }

    @AfterAll
    static void tearDown() {
        cluster.close();
        pool.close();
        db.close();
    }

    Path kubeconfig() throws Exception {
        String server = cluster.admin().getMasterUrl().toString();
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sim
                  cluster: {server: "%s"}
                users:
                - name: aitip
                  user: {token: "test-token"}
                contexts:
                - name: other
                  context: {cluster: sim, user: aitip, namespace: elsewhere}
                - name: aitip-on-sim
                  context: {cluster: sim, user: aitip, namespace: aitip-system}
                current-context: other
                """.formatted(server));
        return file;
    }

    @Test
    void aitipExecutorKubernetesWiresTheKubernetesExecutorFromAKubeconfigContext() throws Exception {
        Path kubeconfig = kubeconfig();
        new ApplicationContextRunner()
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(pool))
                .withUserConfiguration(Scan.class)
                .withPropertyValues("aitip.executor.kind=kubernetes", "aitip.executor.home=" + dir,
                        "aitip.executor.kubernetes.kubeconfig=" + kubeconfig,
                        "aitip.executor.kubernetes.context=aitip-on-sim",
                        "aitip.executor.kubernetes.namespace-template=ml-{org}-{project}",
                        "aitip.executor.kubernetes.gpu-products.a100=A100-PCIE-40GB",
                        "aitip.executor.kubernetes.priority-classes.80=urgent",
                        "aitip.executor.kubernetes.runtime-images.vllm=registry.local/vllm:1",
                        "aitip.executor.kubernetes.lease-duration=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KubernetesExecutor.class)
                            .hasSingleBean(ClusterWorkloads.class).hasSingleBean(TrainingRecovery.class)
                            .doesNotHaveBean(LocalProcessExecutor.class)
                            .doesNotHaveBean(io.aitip.executors.local.LocalInferenceExecutor.class);
                    assertThat(context.getBean(io.aitip.platform.inference.InferenceExecutor.class).kind())
                            .isEqualTo("kubernetes");
                    assertThat(context.getBean(io.aitip.platform.sandbox.ProbeExecutor.class).kind())
                            .as("evaluations and simulations run as Jobs").isEqualTo("kubernetes");
                    JobExecutor executor = context.getBean(JobExecutor.class);
                    assertThat(executor.kind()).isEqualTo("kubernetes");
                    assertThat(executor.supportsDistributed()).isTrue();
                    KubernetesProperties p = context.getBean(KubernetesProperties.class);
                    assertThat(p.namespaceTemplate()).isEqualTo("ml-{org}-{project}");
                    assertThat(p.gpuProducts()).containsEntry("a100", "A100-PCIE-40GB");
                    assertThat(p.priorityClasses()).containsEntry(80, "urgent");
                    assertThat(p.runtimeImages()).containsEntry("vllm", "registry.local/vllm:1")
                            .containsKey("triton");
                    assertThat(p.leaseDuration()).isEqualTo(Duration.ofSeconds(3));
                    Config config = ((KubernetesExecutor) executor).cluster().client().getConfiguration();
                    assertThat(config.getMasterUrl()).startsWith(cluster.admin().getMasterUrl().toString());
                    assertThat(config.getNamespace()).isEqualTo("aitip-system");
                    assertThat(config.getCurrentContext().getName()).isEqualTo("aitip-on-sim");
                });
    }
}
