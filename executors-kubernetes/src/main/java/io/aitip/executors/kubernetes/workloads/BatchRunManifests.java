package io.aitip.executors.kubernetes.workloads;

import io.aitip.executors.kubernetes.KubernetesProperties;
import io.aitip.executors.kubernetes.Labels;
import io.aitip.executors.kubernetes.Names;
import io.aitip.executors.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An evaluation or simulation run as a {@code batch/v1} Job: one pod, no retries, deadline from its limit. */
public final class BatchRunManifests {

    private final KubernetesProperties properties;
    private final Names names;

    public BatchRunManifests(KubernetesProperties properties) {
        this.properties = properties;
        this.names = new Names(properties.namespaceTemplate(), properties.queueNameTemplate());
    }

    public Workload build(BatchRunSpec spec, boolean kueue) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of(spec.kind(), spec.id(), spec.orgId(), spec.projectId()));
        if (kueue) {
            labels.put(Labels.KUEUE_QUEUE, names.queue(spec.orgId(), spec.projectId()));
        }
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("AITIP_RUN_ID").withValue(spec.id()).build());
        env.add(new EnvVarBuilder().withName("AITIP_RUN_KIND").withValue(spec.kind()).build());
        new TreeMap<>(spec.env()).forEach((k, v) -> env.add(new EnvVarBuilder().withName(k).withValue(v).build()));
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        if (spec.cpu() != null) {
            requests.put("cpu", new Quantity(decimal(spec.cpu())));
        }
        if (spec.memoryGb() != null) {
            requests.put("memory", new Quantity(decimal(spec.memoryGb()) + "Gi"));
            limits.put("memory", new Quantity(decimal(spec.memoryGb()) + "Gi"));
        }
        if (spec.gpuCount() > 0) {
            limits.put("nvidia.com/gpu", new Quantity(Integer.toString(spec.gpuCount())));
        }
        String product = spec.gpuType() == null ? null : properties.gpuProducts().get(spec.gpuType());
        Job job = new JobBuilder().withNewMetadata().withName(Names.workload(spec.id()))
                .withNamespace(names.namespace(spec.orgId(), spec.projectId())).withLabels(labels)
                .addToAnnotations(Labels.NAME_ANNOTATION, spec.name()).endMetadata()
                .withNewSpec().withBackoffLimit(0).withSuspend(kueue ? Boolean.TRUE : null)
                .withActiveDeadlineSeconds(spec.maxRuntimeSeconds())
                .withTtlSecondsAfterFinished((int) properties.ttlAfterFinished().toSeconds())
                .withNewTemplate().withNewMetadata().withLabels(Labels.of(spec.kind(), spec.id(), spec.orgId(),
                        spec.projectId())).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(spec.kind()).withImage(spec.image()).withCommand(spec.command())
                .withEnv(env).withVolumeMounts(spec.files().isEmpty() ? null : List.of(new VolumeMountBuilder()
                        .withName("run-files").withMountPath(BatchRunSpec.FILES_DIR).withReadOnly(true).build()))
                .withNewResources().withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).endResources().endContainer()
                .withNodeSelector(product == null || spec.gpuCount() == 0 ? null
                        : Map.of(properties.gpuProductLabel(), product))
                .withTolerations(spec.gpuCount() > 0 && properties.tolerateGpuTaint()
                        ? List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                        .withEffect("NoSchedule").build()) : null)
                .withVolumes(spec.files().isEmpty() ? null : List.of(new VolumeBuilder().withName("run-files")
                        .withNewConfigMap().withName(filesName(spec.id())).endConfigMap().build()))
                .endSpec().endTemplate().endSpec().build();
        if (spec.files().isEmpty()) {
            return new Workload("Job", List.of(job));
        }
        // owned by the Job once created (Cluster.create), so the garbage collector removes it with the Job
        ConfigMap files = new ConfigMapBuilder().withNewMetadata().withName(filesName(spec.id()))
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(Labels.of(spec.kind(), spec.id(), spec.orgId(), spec.projectId())).endMetadata()
                .withData(new TreeMap<>(spec.files())).build();
        return new Workload("Job", List.of(job, files));
    }

    /** The ConfigMap that holds a run's files. */
    public static String filesName(String id) {
        return Names.dnsLabel(Names.workload(id) + "-files");
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
