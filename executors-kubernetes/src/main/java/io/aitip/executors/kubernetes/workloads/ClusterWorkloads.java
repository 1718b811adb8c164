package io.aitip.executors.kubernetes.workloads;

import io.aitip.executors.kubernetes.Cluster;
import io.aitip.executors.kubernetes.KubernetesProperties;
import io.aitip.executors.kubernetes.Labels;
import io.aitip.executors.kubernetes.Names;
import io.aitip.executors.kubernetes.Observation;
import io.aitip.executors.kubernetes.StatusMapper;
import io.aitip.executors.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workload-launch API the platform's inference, evaluation and simulation services call when
 * the Kubernetes executor is active: launch, scale, split traffic, read state, stop. It knows
 * nothing of their stores; they keep their own records and pass {@link InferenceServiceSpec} or
 * {@link BatchRunSpec}. Names derive from the AITIP ids, so calls are safe to repeat.
 */
public class ClusterWorkloads {

    private final Cluster cluster;
    private final KubernetesClient client;
    private final InferenceManifests inference;
    private final BatchRunManifests batch;
    private final PodReasons reasons;

    public ClusterWorkloads(KubernetesProperties properties, Cluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
        this.inference = new InferenceManifests(properties);
        this.batch = new BatchRunManifests(properties);
        this.reasons = new PodReasons(cluster::schedulingEvent);
    }

    public InferenceManifests inferenceManifests() {
        return inference;
    }

    public BatchRunManifests batchManifests() {
        return batch;
    }

    // --- inference -------------------------------------------------------------------------------

    /** Creates the service's Deployment, Service, HPA (and HTTPRoute); existing ones are kept. */
    public Workload deploy(InferenceServiceSpec spec) {
        Workload workload = inference.service(spec, cluster.capabilities().now().gatewayApi());
        cluster.ensureNamespace(workload.namespace(), Labels.of("project", spec.projectId(), spec.orgId(),
                spec.projectId()));
        cluster.create(workload);
        return workload;
    }

    /**
     * Starts (or re-weights) a canary: its Deployment and Service, and the weights in the HTTPRoute.
     * Without the Gateway API the split is left to the AITIP router, and the answer says so.
     */
    public TrafficSplit canary(InferenceServiceSpec spec, CanarySpec canary) {
        boolean gatewayApi = cluster.capabilities().now().gatewayApi();
        Workload workload = inference.canary(spec, canary, gatewayApi);
        workload.objects().stream().filter(o -> !(o instanceof HTTPRoute))
                .forEach(o -> cluster.create(new Workload("Deployment", List.of(o))));
        if (gatewayApi) {
            client.resource(inference.route(spec, canary.trafficPercent())).createOr(NonDeletingOperation::update);
        }
        return new TrafficSplit(gatewayApi ? "gateway-api" : "aitip-router", InferenceManifests.stableName(spec),
                InferenceManifests.canaryName(spec), canary.trafficPercent());
    }

    /** Replaces the stable Deployment's pod template with the spec's (a rolling update to another version). */
    public void rollOut(InferenceServiceSpec spec) {
        HasMetadata deployment = inference.service(spec, false).primary();
        client.resource(deployment).createOr(NonDeletingOperation::update);
    }

    /** Sets the stable Deployment's replicas; the HPA's bounds widen to include them. */
    public void scale(InferenceServiceSpec spec, int replicas) {
        String ns = inference.namespace(spec);
        String name = InferenceManifests.stableName(spec);
        client.apps().deployments().inNamespace(ns).withName(name).scale(replicas);
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns)
                .withName(name).get();
        if (hpa != null) {
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName(name).edit(h -> {
                h.getSpec().setMinReplicas(Math.min(h.getSpec().getMinReplicas(), replicas));
                h.getSpec().setMaxReplicas(Math.max(h.getSpec().getMaxReplicas(), replicas));
                return h;
            });
        }
    }

    /** Ends a canary: all traffic back to stable, canary Deployment and Service deleted. */
    public void endCanary(InferenceServiceSpec spec) {
        String ns = inference.namespace(spec);
        if (cluster.capabilities().now().gatewayApi()) {
            client.resource(inference.route(spec, 0)).createOr(NonDeletingOperation::update);
        }
        client.apps().deployments().inNamespace(ns).withName(InferenceManifests.canaryName(spec))
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        client.services().inNamespace(ns).withName(InferenceManifests.canaryName(spec)).delete();
    }

    /** The stable Deployment's state: {@code ready} when all wanted replicas are ready. */
    public WorkloadState inferenceState(InferenceServiceSpec spec) {
        return deploymentState(inference.namespace(spec), InferenceManifests.stableName(spec));
    }

    /** The canary Deployment's state ({@code absent} when there is no canary). */
    public WorkloadState canaryState(InferenceServiceSpec spec) {
        return deploymentState(inference.namespace(spec), InferenceManifests.canaryName(spec));
    }

    /** The model version a track's Deployment serves (its annotation), if it exists. */
    public java.util.Optional<String> servedVersion(InferenceServiceSpec spec, boolean canary) {
        Deployment d = client.apps().deployments().inNamespace(inference.namespace(spec))
                .withName(canary ? InferenceManifests.canaryName(spec) : InferenceManifests.stableName(spec)).get();
        return d == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(d.getMetadata().getAnnotations()).map(a -> a.get("aitip.io/model-version"));
    }

    private WorkloadState deploymentState(String ns, String name) {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
        if (d == null) {
            return new WorkloadState("absent", "no Deployment in the cluster", 0, 0);
        }
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        boolean stalled = d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions()
                .stream().anyMatch(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()));
        List<Pod> pods = d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null
                ? List.of() : client.pods().inNamespace(ns).withLabels(d.getSpec().getSelector().getMatchLabels())
                .list().getItems();
        java.util.Optional<PodReasons.Reason> problem = reasons.of(pods);
        if (problem.isPresent() && problem.get().permanent()) {
            return new WorkloadState("failed", problem.get().message(), ready, wanted);
        }
        if (stalled) {
            return new WorkloadState("failed", "the rollout stalled (ProgressDeadlineExceeded)"
                    + problem.map(p -> ": " + p.message()).orElse(""), ready, wanted);
        }
        String counts = ready + " of " + wanted + " replicas ready";
        return new WorkloadState(ready >= wanted && wanted > 0 ? "ready" : "progressing",
                problem.map(p -> counts + "; " + p.message()).orElse(counts), ready, wanted);
    }

    /** Namespace and AITIP id of every inference service that has a Deployment in the cluster. */
    public List<Map.Entry<String, String>> inferenceServicesInCluster() {
        return client.apps().deployments().inAnyNamespace().withLabels(Labels.SELECTOR).withLabel(Labels.KIND, "inference")
                .list().getItems().stream().map(d -> Map.entry(d.getMetadata().getNamespace(),
                        d.getMetadata().getLabels().get(Labels.ID))).distinct().toList();
    }

    /** Deletes everything of the service with this id label in this namespace (an orphan found at recovery). */
    public void stopInference(String namespace, String id) {
        deleteAllOf(namespace, id);
    }

    /** Deletes everything of the service (Deployments, Services, HPA, HTTPRoute), dependents first. */
    public void stopInference(InferenceServiceSpec spec) {
        deleteAllOf(inference.namespace(spec), spec.id());
    }

    // --- evaluation and simulation ---------------------------------------------------------------

    /** Creates the run's Job (suspended for Kueue where installed); an existing one is kept. */
    public Workload launch(BatchRunSpec spec) {
        Workload workload = batch.build(spec, cluster.capabilities().now().kueue());
        cluster.ensureNamespace(workload.namespace(), Labels.of("project", spec.projectId(), spec.orgId(),
                spec.projectId()));
        cluster.create(workload);
        return workload;
    }

    public WorkloadState batchState(BatchRunSpec spec) {
        String ns = batch.build(spec, false).namespace();
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(Names.workload(spec.id())).get();
        if (job == null) {
            return new WorkloadState("absent", "no Job in the cluster", 0, 0);
        }
        List<Pod> pods = client.pods().inNamespace(ns).withLabel(Labels.ID, Names.workload(spec.id())).list().getItems();
        Observation seen = new StatusMapper(cluster::schedulingEvent).observe(job, pods);
        return new WorkloadState(seen.status().wire().toLowerCase(Locale.ROOT), seen.message(), 0, 0);
    }

    public void cancel(BatchRunSpec spec) {
        deleteAllOf(batch.build(spec, false).namespace(), spec.id());
    }

    private void deleteAllOf(String ns, String id) {
        String label = Names.workload(id);
        client.batch().v1().jobs().inNamespace(ns).withLabel(Labels.ID, label)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        client.apps().deployments().inNamespace(ns).withLabel(Labels.ID, label)
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withLabel(Labels.ID, label).delete();
        client.services().inNamespace(ns).withLabel(Labels.ID, label).delete();
        if (cluster.capabilities().now().gatewayApi()) {
            client.resources(HTTPRoute.class).inNamespace(ns).withLabel(Labels.ID, label).delete();
        }
    }
}
