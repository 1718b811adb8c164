package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's calls to the API server: idempotent creation (a 409 means the workload already
 * exists under its deterministic name), deletion with foreground propagation, and the reads the
 * reconciler and the status mapper need. Server-side apply is not used: create-or-keep is enough
 * for objects that never change after creation, and it works on every API server (STACK.md).
 */
public final class Cluster {

    private final KubernetesClient client;
    private final ClusterCapabilities capabilities;
    private final boolean createNamespaces;
    private final Set<String> knownNamespaces = ConcurrentHashMap.newKeySet();

    public Cluster(KubernetesClient client, ClusterCapabilities capabilities, boolean createNamespaces) {
        this.client = client;
        this.capabilities = capabilities;
        this.createNamespaces = createNamespaces;
    }

    public KubernetesClient client() {
        return client;
    }

    public ClusterCapabilities capabilities() {
        return capabilities;
    }

    /** Creates the namespace once if it is missing (when allowed), labelled as AITIP's. */
    public void ensureNamespace(String namespace, Map<String, String> labels) {
        if (!createNamespaces || knownNamespaces.contains(namespace)) {
            return;
        }
        if (client.namespaces().withName(namespace).get() == null) {
            createQuietly(new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(labels).endMetadata()
                    .build());
        }
        knownNamespaces.add(namespace);
    }

    /**
     * Creates every object of the workload; ones that already exist are kept. Companions of a Job
     * (the headless Service of an indexed Job) are owned by it, so the garbage collector removes them
     * with the Job (its TTL, or a foreground delete). Returns how many objects were new.
     */
    public int create(Workload workload) {
        int created = 0;
        HasMetadata primary = workload.primary();
        if (createQuietly(primary)) {
            created++;
        }
        OwnerReference owner = primary instanceof Job ? owner(primary) : null;
        for (HasMetadata companion : workload.objects().subList(1, workload.objects().size())) {
            if (owner != null) {
                companion.getMetadata().setOwnerReferences(List.of(owner));
            }
            if (createQuietly(companion)) {
                created++;
            }
        }
        return created;
    }

    private OwnerReference owner(HasMetadata primary) {
        Job job = client.batch().v1().jobs().inNamespace(primary.getMetadata().getNamespace())
                .withName(primary.getMetadata().getName()).get();
        return job == null ? null : new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                .withBlockOwnerDeletion(true).build();
    }

    private boolean createQuietly(HasMetadata object) {
        try {
            if (object instanceof GenericKubernetesResource generic) {
                client.genericKubernetesResources(context(generic.getKind())).inNamespace(
                        generic.getMetadata().getNamespace()).resource(generic).create();
            } else {
                client.resource(object).create();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false; // created before: by an earlier attempt, another replica, or before a restart
            }
            throw e;
        }
    }

    /** Deletes a workload and what it owns, dependents first (foreground propagation). */
    public boolean delete(HasMetadata primary) {
        String ns = primary.getMetadata().getNamespace();
        String name = primary.getMetadata().getName();
        boolean deleted;
        if (primary instanceof GenericKubernetesResource generic) {
            deleted = !client.genericKubernetesResources(context(generic.getKind())).inNamespace(ns).withName(name)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete().isEmpty();
        } else {
            deleted = !client.batch().v1().jobs().inNamespace(ns).withName(name)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete().isEmpty();
        }
        // companions (the headless Service of an indexed Job) carry the same id label
        client.services().inNamespace(ns).withLabel(Labels.ID, name).withPropagationPolicy(DeletionPropagation.FOREGROUND)
                .delete();
        return deleted;
    }

    /** The training workload of an AITIP id: a Job, or one of the operator kinds the cluster has. */
    public Optional<HasMetadata> findTraining(String namespace, String id) {
        String name = Names.workload(id);
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job != null) {
            return Optional.of(job);
        }
        for (ResourceDefinitionContext kind : customKindsPresent()) {
            GenericKubernetesResource resource = client.genericKubernetesResources(kind).inNamespace(namespace)
                    .withName(name).get();
            if (resource != null) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    /** Every training workload AITIP manages, in all namespaces. */
    public List<HasMetadata> listTraining() {
        List<HasMetadata> all = new ArrayList<>(client.batch().v1().jobs().inAnyNamespace().withLabels(Labels.SELECTOR)
                .withLabel(Labels.KIND, "training").list().getItems());
        for (ResourceDefinitionContext kind : customKindsPresent()) {
            all.addAll(client.genericKubernetesResources(kind).inAnyNamespace().withLabels(Labels.SELECTOR).list()
                    .getItems());
        }
        return all;
    }

    public List<ResourceDefinitionContext> customKindsPresent() {
        ClusterCapabilities.Found found = capabilities.now();
        List<ResourceDefinitionContext> kinds = new ArrayList<>();
        if (found.trainJob()) {
            kinds.add(CustomKinds.TRAIN_JOB);
        }
        if (found.rayJob()) {
            kinds.add(CustomKinds.RAY_JOB);
        }
        if (found.mpiJob()) {
            kinds.add(CustomKinds.MPI_JOB);
        }
        return kinds;
    }

    /** The pods of an AITIP id, oldest first. */
    public List<Pod> pods(String namespace, String id) {
        List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabel(Labels.ID, Names.workload(id))
                .list().getItems());
        pods.sort(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                .thenComparing(p -> p.getMetadata().getName()));
        return pods;
    }

    /** Every pod AITIP manages, by AITIP id, oldest first. */
    public Map<String, List<Pod>> allPods() {
        Map<String, List<Pod>> byId = new java.util.HashMap<>();
        List<Pod> pods = new ArrayList<>(client.pods().inAnyNamespace().withLabels(Labels.SELECTOR).list().getItems());
        pods.sort(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                .thenComparing(p -> p.getMetadata().getName()));
        for (Pod pod : pods) {
            String id = pod.getMetadata().getLabels().get(Labels.ID);
            if (id != null) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(pod);
            }
        }
        return byId;
    }

    /** The newest {@code FailedScheduling} message of a pod. */
    public Optional<String> schedulingEvent(Pod pod) {
        List<Event> events = client.v1().events().inNamespace(pod.getMetadata().getNamespace()).list().getItems();
        return events.stream()
                .filter(e -> e.getInvolvedObject() != null && PodFacts.name(pod).equals(e.getInvolvedObject().getName()))
                .filter(e -> "FailedScheduling".equals(e.getReason()))
                .max(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
                .map(Event::getMessage);
    }

    /** The whole log of a pod's first container; empty when the pod has none yet. */
    public String log(Pod pod) {
        try {
            String container = pod.getSpec().getContainers().get(0).getName();
            String log = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(PodFacts.name(pod))
                    .inContainer(container).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return ""; // container not started yet, or the pod is gone
            }
            throw e;
        }
    }

    static ResourceDefinitionContext context(String kind) {
        return CustomKinds.TRAINING.stream().filter(c -> c.getKind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a custom workload kind: " + kind));
    }
}
