package io.aitip.executors.kubernetes.testing;

import io.aitip.executors.kubernetes.ClusterCapabilities;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIMULATED cluster: no real kube-apiserver can run on these machines (STACK.md), so tests use
 * fabric8's mock API server in CRUD mode (it stores, lists, watches and patches objects like an
 * API server, but runs no controllers) plus {@link SimulatedKubelet}, which plays the Job
 * controller, the scheduler, Kueue and the kubelet. Pod logs are served from what the kubelet
 * recorded, since the CRUD mock has no log endpoint.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");

    private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
    private final List<String> deletes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient admin;
    private final SimulatedKubelet kubelet;

    /** The mock server logs every request at INFO; held strongly, or the setting is collected with it. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        QUIET.setLevel(java.util.logging.Level.WARNING);
    }

    public SimulatedCluster() {
        KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher(List.of()) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher m = LOG.matcher(request.getPath());
                if (request.method() == HttpMethod.GET && m.matches()) {
                    StringBuffer log = logs.get(m.group(1) + "/" + m.group(2));
                    return log == null ? new MockResponse().setResponseCode(404).setBody("{}")
                            : new MockResponse().setResponseCode(200).setBody(log.toString());
                }
                if (request.method() == HttpMethod.DELETE) {
                    deletes.add(request.getPath() + " " + request.getUtf8Body());
                }
                return super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        admin = server.createClient();
        kubelet = new SimulatedKubelet(admin, logs);
    }

    /** A fresh client, as the server under test would hold (close it yourself). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** The test's own client (plays kubectl). */
    public KubernetesClient admin() {
        return admin;
    }

    public SimulatedKubelet kubelet() {
        return kubelet;
    }

    /** Every DELETE the API server received: path and body (the body carries the propagation policy). */
    public List<String> deletes() {
        return List.copyOf(deletes);
    }

    /** Installs an operator's CRD (only the object: the simulated cluster runs no operator). */
    public SimulatedCluster install(String crdName) {
        String[] parts = crdName.split("\\.", 2);
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder().withNewMetadata().withName(crdName)
                .endMetadata().withNewSpec().withGroup(parts[1]).withScope("Namespaced").withNewNames()
                .withPlural(parts[0]).withKind(kind(parts[0])).endNames().addNewVersion().withName(version(crdName))
                .withServed(true).withStorage(true).endVersion().endSpec().build();
        admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        return this;
    }

    /** A node with {@code count} GPUs of {@code product} (label {@code nvidia.com/gpu.product}). */
    public SimulatedCluster gpuNode(String name, String product, int count) {
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("nvidia.com/gpu.product", product).endMetadata().withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(count)))
                .addToAllocatable("cpu", new Quantity("64")).addToAllocatable("memory", new Quantity("512Gi"))
                .endStatus().build()).create();
        return this;
    }

    private static String kind(String plural) {
        return switch (plural) {
            case "trainjobs" -> "TrainJob";
            case "rayjobs" -> "RayJob";
            case "mpijobs" -> "MPIJob";
            case "localqueues" -> "LocalQueue";
            case "httproutes" -> "HTTPRoute";
            default -> plural;
        };
    }

    private static String version(String crd) {
        return switch (crd) {
            case ClusterCapabilities.TRAIN_JOB_CRD -> "v1alpha1";
            case ClusterCapabilities.MPI_JOB_CRD -> "v2beta1";
            case ClusterCapabilities.KUEUE_CRD -> "v1beta1";
            default -> "v1";
        };
    }

    @Override
    public void close() {
        kubelet.close();
        admin.close();
        server.destroy();
    }
}
