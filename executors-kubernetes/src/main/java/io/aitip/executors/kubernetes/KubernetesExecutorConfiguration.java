package io.aitip.executors.kubernetes;

import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.TrainingJobStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.aitip.executors.kubernetes.workloads.ClusterWorkloads;
import io.aitip.executors.kubernetes.inference.KubernetesInferenceExecutor;
import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import io.aitip.executors.kubernetes.probes.ClusterProbeExecutor;
import io.aitip.executors.kubernetes.probes.ProbeJobs;
import io.aitip.executors.kubernetes.probes.ProbeReconciler;
import io.aitip.platform.sandbox.ProbeRecords;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Primary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Kubernetes executor's beans, when {@code aitip.executor.kind=kubernetes}. The client comes
 * from {@code kubeconfig} (and {@code context}) when set, else from fabric8's auto-configuration:
 * {@code KUBECONFIG}, {@code ~/.kube/config}, or the pod's service account in the cluster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "aitip.executor.kind", havingValue = "kubernetes")
@EnableConfigurationProperties(KubernetesProperties.class)
public class KubernetesExecutorConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(KubernetesProperties properties) {
        return new KubernetesClientBuilder().withConfig(config(properties)).build();
    }

    @Bean
    Cluster kubernetesCluster(KubernetesClient client, KubernetesProperties properties) {
        return new Cluster(client, new ClusterCapabilities(client, properties.kueue()), properties.createNamespaces());
    }

    @Bean(destroyMethod = "close")
    KubernetesExecutor kubernetesExecutor(KubernetesProperties properties, Cluster cluster, TrainingJobStore jobs,
                                          JobStateMachine states, JobLogStore logs, JdbcTemplate jdbc) {
        return new KubernetesExecutor(properties, cluster, jobs, states, logs, jdbc, identity());
    }

    @Bean
    ClusterWorkloads clusterWorkloads(KubernetesProperties properties, Cluster cluster) {
        return new ClusterWorkloads(properties, cluster);
    }

    /** Inference replicas on the cluster, in place of the local executor's processes. */
    @Bean(destroyMethod = "close")
    KubernetesInferenceExecutor kubernetesInferenceExecutor(KubernetesProperties properties, ClusterWorkloads workloads,
                                                            ObjectProvider<DeploymentStore> stores,
                                                            ObjectProvider<DeploymentLifecycle> lifecycles,
                                                            KubernetesExecutor training, JdbcTemplate jdbc) {
        // the inference feature's own beans where it is scanned (the server); stateless stand-ins otherwise
        KubernetesInferenceExecutor inference = new KubernetesInferenceExecutor(properties, workloads,
                stores.getIfAvailable(() -> new DeploymentStore(jdbc)),
                lifecycles.getIfAvailable(() -> new DeploymentLifecycle(jdbc)), training::pool, training::leading);
        training.alsoReconcile(whenSuffix -> inference.reconcileLater());
        return inference;
    }

    /**
     * Evaluations and simulations as Jobs (ADR 0022), in place of the local sandbox process; the
     * leader's reconciliation covers their runs too.
     */
    @Bean
    @Primary
    ClusterProbeExecutor clusterProbeExecutor(KubernetesProperties properties, ClusterWorkloads workloads, Cluster cluster,
                                              KubernetesExecutor training, ObjectProvider<ProbeRecords> records,
                                              @Value("${aitip.sandbox.max-run:PT10M}") String maxRun,
                                              @Value("${aitip.sandbox.request-timeout:PT30S}") String requestTimeout) {
        ProbeReconciler reconciler = new ProbeReconciler(cluster, () -> records.orderedStream().toList(),
                properties.probeGrace());
        training.alsoReconcile(reconciler::reconcile);
        // the sandbox's own settings (ADR 0017), parsed as Boot parses durations ("10m", "PT10M")
        return new ClusterProbeExecutor(workloads, cluster, new ProbeJobs(properties,
                DurationStyle.detectAndParse(maxRun), DurationStyle.detectAndParse(requestTimeout)),
                properties.logPollPeriod());
    }

    static Config config(KubernetesProperties properties) {
        if (properties.kubeconfig() == null) {
            return Config.autoConfigure(properties.context());
        }
        try {
            return Config.fromKubeconfig(properties.context(), Files.readString(Path.of(properties.kubeconfig())),
                    properties.kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read aitip.executor.kubernetes.kubeconfig "
                    + properties.kubeconfig(), e);
        }
    }

    /** This replica in the Lease: the pod name in a cluster (HOSTNAME), plus a random part. */
    static String identity() {
        String host = System.getenv("HOSTNAME");
        if (host == null) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "aitip";
            }
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
