package io.aitip.executors.kubernetes;

import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod of a training job, shared by every workload kind: the trainer container (image, command,
 * env, resources with {@code nvidia.com/gpu} limits), the GPU product node selector, GPU
 * tolerations, a memory-backed {@code /dev/shm} and the checkpoint volume or URI.
 */
final class TrainingPod {

    static final String CONTAINER = "trainer";
    static final String GPU = "nvidia.com/gpu";
    static final String SHM_PATH = "/dev/shm";
    static final String CHECKPOINT_PATH = "/checkpoints";

    private final KubernetesProperties properties;

    TrainingPod(KubernetesProperties properties) {
        this.properties = properties;
    }

    String image(TrainingJob job) {
        return job.image() != null ? job.image() : properties.trainerImage();
    }

    /** The job's command in a shell, or null to run the image's entrypoint. */
    static List<String> command(TrainingJob job) {
        return job.command() == null ? null : List.of("/bin/sh", "-c", job.command());
    }

    /** The trainer container with {@code extraEnv} after the job's own variables. */
    Container container(TrainingJob job, String datasetUri, List<EnvVar> extraEnv) {
        List<EnvVar> env = new ArrayList<>(env(job, datasetUri));
        env.addAll(extraEnv);
        return new ContainerBuilder().withName(CONTAINER).withImage(image(job)).withCommand(command(job))
                .withEnv(env).withResources(resources(job)).withVolumeMounts(mounts()).build();
    }

    /** The pod spec around {@code container}; {@code restartPolicy Never} so every failure is seen. */
    PodSpec spec(TrainingJob job, Container container) {
        PodSpecBuilder spec = new PodSpecBuilder().withRestartPolicy("Never").withContainers(container)
                .withVolumes(volumes()).withTolerations(tolerations(job)).withNodeSelector(nodeSelector(job));
        String priorityClass = priorityClass(job.priority());
        if (priorityClass != null) {
            spec.withPriorityClassName(priorityClass);
        }
        return spec.build();
    }

    List<EnvVar> env(TrainingJob job, String datasetUri) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AITIP_JOB_ID", job.id());
        env.put("AITIP_JOB_NAME", job.name());
        env.put("AITIP_MODEL", job.model());
        env.put("AITIP_ORG_ID", job.orgId());
        env.put("AITIP_PROJECT_ID", job.projectId());
        putIfSet(env, "AITIP_EXPERIMENT_ID", job.experimentId());
        putIfSet(env, "AITIP_DATASET_ID", job.datasetId());
        putIfSet(env, "AITIP_DATASET_VERSION", job.datasetVersion());
        putIfSet(env, "AITIP_DATASET_URI", datasetUri);
        hyperparameters(job.config()).forEach((name, value) ->
                env.put("AITIP_HP_" + name.toUpperCase(Locale.ROOT), value.toString()));
        if (properties.checkpointClaim() != null) {
            env.put("AITIP_CHECKPOINT_DIR", CHECKPOINT_PATH + "/" + job.id());
        } else if (properties.checkpointUri() != null) {
            env.put("AITIP_CHECKPOINT_URI", properties.checkpointUri().replaceAll("/+$", "") + "/" + job.id());
        }
        if (properties.callbackUrl() != null) {
            env.put("AITIP_METRICS_URL", properties.callbackUrl().replaceAll("/+$", "")
                    + "/api/v1/training/jobs/" + job.id() + "/metrics");
        }
        List<EnvVar> vars = new ArrayList<>();
        env.forEach((name, value) -> vars.add(new EnvVarBuilder().withName(name).withValue(value).build()));
        return vars;
    }

    ResourceRequirements resources(TrainingJob job) {
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        if (job.cpu() != null) {
            requests.put("cpu", new Quantity(decimal(job.cpu())));
        }
        if (job.memoryGb() != null) {
            Quantity memory = new Quantity(decimal(job.memoryGb()) + "Gi");
            requests.put("memory", memory);
            limits.put("memory", memory); // a memory limit makes OOMKilled visible instead of evicting neighbours
        }
        if (job.gpuCount() > 0) {
            limits.put(GPU, new Quantity(Integer.toString(job.gpuCount())));
        }
        return new ResourceRequirementsBuilder().withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).build();
    }

    Map<String, String> nodeSelector(TrainingJob job) {
        if (job.gpuCount() == 0 || job.gpuType() == null) {
            return null;
        }
        String product = properties.gpuProducts().get(job.gpuType());
        return product == null ? null : Map.of(properties.gpuProductLabel(), product);
    }

    List<Toleration> tolerations(TrainingJob job) {
        if (job.gpuCount() == 0 || !properties.tolerateGpuTaint()) {
            return null;
        }
        return List.of(new TolerationBuilder().withKey(GPU).withOperator("Exists").withEffect("NoSchedule").build());
    }

    List<Volume> volumes() {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("dshm").withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(new Quantity(properties.shmSize())).endEmptyDir().build());
        if (properties.checkpointClaim() != null) {
            volumes.add(new VolumeBuilder().withName("checkpoints").withNewPersistentVolumeClaim()
                    .withClaimName(properties.checkpointClaim()).endPersistentVolumeClaim().build());
        }
        return volumes;
    }

    List<VolumeMount> mounts() {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("dshm").withMountPath(SHM_PATH).build());
        if (properties.checkpointClaim() != null) {
            mounts.add(new VolumeMountBuilder().withName("checkpoints").withMountPath(CHECKPOINT_PATH).build());
        }
        return mounts;
    }

    /** The PriorityClass for {@code priority}: the highest configured threshold at or below it. */
    String priorityClass(int priority) {
        return properties.priorityClasses().entrySet().stream().filter(e -> e.getKey() <= priority)
                .max(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse(null);
    }

    static Map<String, Object> hyperparameters(TrainingConfig c) {
        Map<String, Object> hp = new LinkedHashMap<>();
        putIfSet(hp, "learning_rate", c.learningRate());
        putIfSet(hp, "batch_size", c.batchSize());
        putIfSet(hp, "epochs", c.epochs());
        putIfSet(hp, "warmup_steps", c.warmupSteps());
        putIfSet(hp, "weight_decay", c.weightDecay());
        putIfSet(hp, "seed", c.seed());
        putIfSet(hp, "max_steps", c.maxSteps());
        return hp;
    }

    private static <V> void putIfSet(Map<String, V> map, String key, V value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
