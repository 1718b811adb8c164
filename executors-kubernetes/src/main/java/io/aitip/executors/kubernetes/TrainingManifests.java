package io.aitip.executors.kubernetes;

import io.aitip.platform.training.Distributed;
import io.aitip.platform.training.TrainingJob;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a training job into its workload: {@code none} → a {@code batch/v1} Job; {@code ddp} and
 * {@code deepspeed} → a Kubeflow Trainer v2 {@code TrainJob} where the Trainer is installed, else an
 * indexed Job with a headless Service and torchrun's rendezvous environment; {@code ray} → a KubeRay
 * {@code RayJob}; {@code horovod} → an {@code MPIJob}. Kinds whose operator is missing are refused
 * with {@link UnsupportedWorkloadException}.
 */
public final class TrainingManifests {

    static final int RENDEZVOUS_PORT = 29500;

    private final KubernetesProperties properties;
    private final Names names;
    private final TrainingPod pod;

    public TrainingManifests(KubernetesProperties properties) {
        this.properties = properties;
        this.names = new Names(properties.namespaceTemplate(), properties.queueNameTemplate());
        this.pod = new TrainingPod(properties);
    }

    public Names names() {
        return names;
    }

    /** The workload of {@code job} on a cluster with {@code found}; {@code datasetUri} may be null. */
    public Workload build(TrainingJob job, String datasetUri, ClusterCapabilities.Found found) {
        Distributed mode = Distributed.valueOf(job.distributed().toUpperCase(Locale.ROOT));
        return switch (mode) {
            case NONE -> new Workload("Job", List.of(singleNode(job, datasetUri, found)));
            case DDP, DEEPSPEED -> found.trainJob() ? new Workload("TrainJob", List.of(trainJob(job, mode, datasetUri, found)))
                    : indexed(job, datasetUri, found);
            case RAY -> {
                if (!found.rayJob()) {
                    throw new UnsupportedWorkloadException("/distributed", "distributed=ray is not supported on this "
                            + "cluster: KubeRay (CRD " + ClusterCapabilities.RAY_JOB_CRD + ") is not installed. Ask an "
                            + "operator to install KubeRay, or submit with distributed=ddp.");
                }
                yield new Workload("RayJob", List.of(rayJob(job, datasetUri, found)));
            }
            case HOROVOD -> {
                if (!found.mpiJob()) {
                    throw new UnsupportedWorkloadException("/distributed", "distributed=horovod is not supported on "
                            + "this cluster: it runs through the MPI operator (CRD " + ClusterCapabilities.MPI_JOB_CRD
                            + "), which is not installed. Submit with distributed=ddp (torchrun), or ask an operator "
                            + "to install the Kubeflow MPI operator.");
                }
                yield new Workload("MPIJob", List.of(mpiJob(job, datasetUri, found)));
            }
        };
    }

    ObjectMeta metadata(TrainingJob job, ClusterCapabilities.Found found) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of("training", job.id(), job.orgId(), job.projectId()));
        if (found.kueue()) {
            labels.put(Labels.KUEUE_QUEUE, names.queue(job.orgId(), job.projectId()));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Labels.NAME_ANNOTATION, job.name());
        annotations.put(Labels.OWNER_ANNOTATION, job.ownerId());
        if (job.experimentId() != null) {
            annotations.put(Labels.EXPERIMENT_ANNOTATION, job.experimentId());
        }
        return new ObjectMetaBuilder().withName(Names.workload(job.id()))
                .withNamespace(names.namespace(job.orgId(), job.projectId())).withLabels(labels)
                .withAnnotations(annotations).build();
    }

    private PodTemplateSpec template(TrainingJob job, PodSpec spec, String role) {
        Map<String, String> labels = podLabels(job, role);
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).build();
    }

    /** Labels of the pods an operator creates, so AITIP finds them for status and logs. */
    private static Map<String, String> podLabels(TrainingJob job, String role) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of("training", job.id(), job.orgId(), job.projectId()));
        labels.put(Labels.ROLE, role);
        return labels;
    }

    private Long deadline(TrainingJob job) {
        return job.maxRuntimeMinutes() == null ? null : job.maxRuntimeMinutes() * 60L;
    }

    private Job singleNode(TrainingJob job, String datasetUri, ClusterCapabilities.Found found) {
        Container container = pod.container(job, datasetUri, List.of());
        return new JobBuilder().withMetadata(metadata(job, found)).withSpec(jobSpec(job, found)
                .withTemplate(template(job, pod.spec(job, container), "trainer")).build()).build();
    }

    /** Shared Job settings: no retries of real failures, preemptions not counted, deadline, TTL, Kueue suspend. */
    private JobSpecBuilder jobSpec(TrainingJob job, ClusterCapabilities.Found found) {
        return new JobSpecBuilder().withBackoffLimit(3).withActiveDeadlineSeconds(deadline(job))
                .withTtlSecondsAfterFinished((int) properties.ttlAfterFinished().toSeconds())
                .withSuspend(found.kueue() ? Boolean.TRUE : null)
                .withPodFailurePolicy(new PodFailurePolicyBuilder()
                        .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget")
                        .withStatus("True").endOnPodCondition().endRule()
                        .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName(TrainingPod.CONTAINER)
                        .withOperator("NotIn").withValues(0).endOnExitCodes().endRule().build());
    }

    /** DDP/DeepSpeed without the Trainer: one pod per node, ranks from the completion index, rank 0 as rendezvous host. */
    private Workload indexed(TrainingJob job, String datasetUri, ClusterCapabilities.Found found) {
        ObjectMeta meta = metadata(job, found);
        String name = meta.getName();
        String host = name + "-0." + name + "." + meta.getNamespace() + ".svc";
        int procs = Math.max(1, job.gpuCount());
        List<EnvVar> rendezvous = new ArrayList<>();
        rendezvous.add(env("MASTER_ADDR", host));
        rendezvous.add(env("MASTER_PORT", Integer.toString(RENDEZVOUS_PORT)));
        rendezvous.add(new EnvVarBuilder().withName("NODE_RANK").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['batch.kubernetes.io/job-completion-index']").endFieldRef()
                .endValueFrom().build());
        // torchrun reads PET_<OPTION> for each of its options
        rendezvous.add(env("PET_NNODES", Integer.toString(job.nodes())));
        rendezvous.add(env("PET_NPROC_PER_NODE", Integer.toString(procs)));
        rendezvous.add(env("PET_NODE_RANK", "$(NODE_RANK)"));
        rendezvous.add(env("PET_MASTER_ADDR", host));
        rendezvous.add(env("PET_MASTER_PORT", Integer.toString(RENDEZVOUS_PORT)));
        rendezvous.add(env("WORLD_SIZE", Integer.toString(job.nodes() * procs)));
        Container container = pod.container(job, datasetUri, rendezvous);
        PodSpec spec = pod.spec(job, container);
        spec.setSubdomain(name);
        Job indexed = new JobBuilder().withMetadata(meta).withSpec(jobSpec(job, found).withCompletionMode("Indexed")
                .withCompletions(job.nodes()).withParallelism(job.nodes())
                .withTemplate(template(job, spec, "worker")).build()).build();
        Service headless = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(meta.getNamespace())
                .withLabels(meta.getLabels()).endMetadata().withNewSpec().withClusterIP("None")
                .withPublishNotReadyAddresses(true).withSelector(Map.of(Labels.ID, meta.getLabels().get(Labels.ID)))
                .addNewPort().withName("rendezvous").withPort(RENDEZVOUS_PORT).endPort().endSpec().build();
        return new Workload("IndexedJob", List.of(indexed, headless));
    }

    private GenericKubernetesResource trainJob(TrainingJob job, Distributed mode, String datasetUri,
                                               ClusterCapabilities.Found found) {
        Container container = pod.container(job, datasetUri, List.of());
        PodSpec spec = pod.spec(job, container);
        Map<String, Object> trainer = new LinkedHashMap<>();
        trainer.put("image", container.getImage());
        if (container.getCommand() != null) {
            trainer.put("command", container.getCommand());
        }
        trainer.put("numNodes", job.nodes());
        trainer.put("numProcPerNode", job.gpuCount() > 0 ? job.gpuCount() : "auto");
        trainer.put("resourcesPerNode", map(container.getResources()));
        trainer.put("env", map(container.getEnv()));
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("targetJobs", List.of(ordered("name", "node")));
        putIfSet(override, "nodeSelector", spec.getNodeSelector());
        putIfSet(override, "tolerations", map(spec.getTolerations()));
        override.put("volumes", map(spec.getVolumes()));
        override.put("containers", List.of(ordered("name", "node", "volumeMounts",
                TrainingManifests.<Object>map(container.getVolumeMounts()))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runtimeRef", ordered("apiGroup", "trainer.kubeflow.org", "kind", "ClusterTrainingRuntime",
                "name", mode == Distributed.DEEPSPEED ? "deepspeed-distributed" : "torch-distributed"));
        if (found.kueue()) {
            body.put("suspend", true);
        }
        body.put("trainer", trainer);
        body.put("podSpecOverrides", List.of(override));
        return custom(CustomKinds.TRAIN_JOB, metadata(job, found), body);
    }

    private GenericKubernetesResource rayJob(TrainingJob job, String datasetUri, ClusterCapabilities.Found found) {
        String image = job.image() != null ? job.image() : properties.runtimeImages().get("ray");
        List<EnvVar> env = pod.env(job, datasetUri);
        Map<String, Object> headContainer = new LinkedHashMap<>();
        headContainer.put("name", "ray-head");
        headContainer.put("image", image);
        headContainer.put("env", map(env));
        headContainer.put("resources", ordered("requests", ordered("cpu", "2", "memory", "8Gi")));
        Container worker = pod.container(job, datasetUri, List.of());
        worker.setName("ray-worker");
        worker.setImage(image);
        worker.setCommand(null);
        PodSpec workerSpec = pod.spec(job, worker);
        workerSpec.setRestartPolicy(null);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("headGroupSpec", ordered("rayStartParams", ordered("dashboard-host", "0.0.0.0"),
                "template", ordered("metadata", ordered("labels", podLabels(job, "head")),
                        "spec", ordered("containers", List.of(headContainer)))));
        Map<String, Object> workers = new LinkedHashMap<>();
        workers.put("groupName", "workers");
        workers.put("replicas", job.nodes());
        workers.put("minReplicas", job.nodes());
        workers.put("maxReplicas", job.nodes());
        workers.put("rayStartParams", ordered());
        workers.put("template", ordered("metadata", ordered("labels", podLabels(job, "worker")),
                "spec", TrainingManifests.<Object>map(workerSpec)));
        cluster.put("workerGroupSpecs", List.of(workers));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entrypoint", job.command() != null ? job.command() : "python train.py");
        body.put("shutdownAfterJobFinishes", true);
        body.put("ttlSecondsAfterFinished", properties.ttlAfterFinished().toSeconds());
        putIfSet(body, "activeDeadlineSeconds", deadline(job));
        if (found.kueue()) {
            body.put("suspend", true);
        }
        body.put("rayClusterSpec", cluster);
        return custom(CustomKinds.RAY_JOB, metadata(job, found), body);
    }

    private GenericKubernetesResource mpiJob(TrainingJob job, String datasetUri, ClusterCapabilities.Found found) {
        int slots = Math.max(1, job.gpuCount());
        Container worker = pod.container(job, datasetUri, List.of());
        worker.setCommand(null);
        Map<String, Object> launcher = new LinkedHashMap<>();
        launcher.put("name", "launcher");
        launcher.put("image", worker.getImage());
        launcher.put("command", List.of("mpirun", "-np", Integer.toString(job.nodes() * slots), "--allow-run-as-root",
                "/bin/sh", "-c", job.command() != null ? job.command() : "python train.py"));
        launcher.put("env", map(worker.getEnv()));
        Map<String, Object> runPolicy = new LinkedHashMap<>();
        runPolicy.put("cleanPodPolicy", "Running");
        runPolicy.put("ttlSecondsAfterFinished", properties.ttlAfterFinished().toSeconds());
        putIfSet(runPolicy, "activeDeadlineSeconds", deadline(job));
        if (found.kueue()) {
            runPolicy.put("suspend", true);
        }
        Map<String, Object> replicas = new LinkedHashMap<>();
        replicas.put("Launcher", ordered("replicas", 1, "template", ordered("metadata",
                ordered("labels", podLabels(job, "launcher")), "spec", ordered("containers", List.of(launcher)))));
        replicas.put("Worker", ordered("replicas", job.nodes(), "template", ordered("metadata",
                ordered("labels", podLabels(job, "worker")), "spec", TrainingManifests.<Object>map(pod.spec(job, worker)))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slotsPerWorker", slots);
        body.put("runPolicy", runPolicy);
        body.put("mpiReplicaSpecs", replicas);
        return custom(CustomKinds.MPI_JOB, metadata(job, found), body);
    }

    static GenericKubernetesResource custom(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context,
                                            ObjectMeta meta, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion(CustomKinds.apiVersion(context))
                .withKind(context.getKind()).withMetadata(meta).withAdditionalProperties(Map.of("spec", spec)).build();
    }

    /** A map that keeps the order its pairs were given in (Map.of would not, and golden files would churn). */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** A typed model object as plain maps and lists, for the spec of a generic resource. */
    @SuppressWarnings("unchecked")
    static <T> T map(Object typed) {
        return typed == null ? null : (T) Serialization.jsonMapper().convertValue(typed, Object.class);
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
