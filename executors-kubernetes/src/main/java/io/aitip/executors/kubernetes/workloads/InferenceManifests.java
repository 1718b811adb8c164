package io.aitip.executors.kubernetes.workloads;

import io.aitip.executors.kubernetes.KubernetesProperties;
import io.aitip.executors.kubernetes.Labels;
import io.aitip.executors.kubernetes.Names;
import io.aitip.executors.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An inference service's workload: a Deployment running the model server (vLLM, Triton or
 * TorchServe), a Service in front of it, a HorizontalPodAutoscaler between min and max replicas,
 * and, for a canary, a second Deployment and Service with the split expressed as weights in a
 * Gateway API HTTPRoute.
 */
public final class InferenceManifests {

    /** The model server's port, per runtime. */
    static final Map<String, Integer> PORTS = Map.of("vllm", 8000, "triton", 8000, "torchserve", 8080);
    static final Map<String, String> HEALTH = Map.of("vllm", "/health", "triton", "/v2/health/ready",
            "torchserve", "/ping");

    private final KubernetesProperties properties;
    private final Names names;

    public InferenceManifests(KubernetesProperties properties) {
        this.properties = properties;
        this.names = new Names(properties.namespaceTemplate(), properties.queueNameTemplate());
    }

    public static String stableName(InferenceServiceSpec spec) {
        return Names.workload(spec.id());
    }

    public static String canaryName(InferenceServiceSpec spec) {
        return Names.dnsLabel(Names.workload(spec.id()) + "-canary");
    }

    public String namespace(InferenceServiceSpec spec) {
        return names.namespace(spec.orgId(), spec.projectId());
    }

    /** Deployment + Service (+ HPA) of the stable version, + HTTPRoute at 100 % where the Gateway API exists. */
    public Workload service(InferenceServiceSpec spec, boolean gatewayApi) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployment(spec, stableName(spec), "stable", spec.replicas()));
        objects.add(service(spec, stableName(spec), "stable"));
        if (spec.minReplicas() != null || spec.maxReplicas() != null) {
            objects.add(autoscaler(spec));
        }
        if (gatewayApi) {
            objects.add(route(spec, 0));
        }
        return new Workload("Deployment", objects);
    }

    /** The canary's Deployment and Service, + the HTTPRoute with both weights where the Gateway API exists. */
    public Workload canary(InferenceServiceSpec spec, CanarySpec canary, boolean gatewayApi) {
        InferenceServiceSpec next = spec.withModel(canary.modelVersion(), canary.modelUri());
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployment(next, canaryName(spec), "canary", canary.replicas()));
        objects.add(service(next, canaryName(spec), "canary"));
        if (gatewayApi) {
            objects.add(route(spec, canary.trafficPercent()));
        }
        return new Workload("Deployment", objects);
    }

    private ObjectMeta meta(InferenceServiceSpec spec, String name, String role) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of("inference", spec.id(), spec.orgId(), spec.projectId()));
        if (role != null) {
            labels.put(Labels.ROLE, role);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Labels.NAME_ANNOTATION, spec.name());
        annotations.put("aitip.io/model", spec.model());
        if (spec.modelVersion() != null) {
            annotations.put("aitip.io/model-version", spec.modelVersion());
        }
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace(spec)).withLabels(labels)
                .withAnnotations(annotations).build();
    }

    private Deployment deployment(InferenceServiceSpec spec, String name, String role, int replicas) {
        ObjectMeta meta = meta(spec, name, role);
        Map<String, String> selector = Map.of(Labels.ID, Names.workload(spec.id()), Labels.ROLE, role);
        return new DeploymentBuilder().withMetadata(meta).withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(new TreeMap<>(selector)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations())
                .endMetadata().withNewSpec().withContainers(container(spec))
                .withNodeSelector(nodeSelector(spec))
                .withTolerations(spec.gpuCount() > 0 && properties.tolerateGpuTaint()
                        ? List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                        .withEffect("NoSchedule").build()) : null)
                .endSpec().endTemplate().endSpec().build();
    }

    private Container container(InferenceServiceSpec spec) {
        String runtime = spec.runtime();
        int port = PORTS.getOrDefault(runtime, 8000);
        String image = spec.image() != null ? spec.image() : properties.runtimeImages().get(runtime);
        if (image == null) {
            throw new IllegalArgumentException("no image for runtime " + runtime + "; configure "
                    + "aitip.executor.kubernetes.runtime-images." + runtime);
        }
        String source = spec.modelUri() != null ? spec.modelUri() : spec.model();
        List<String> command = null;
        List<String> args;
        switch (runtime) {
            case "triton" -> {
                command = List.of("tritonserver");
                args = List.of("--model-repository=" + source, "--http-port=" + port, "--grpc-port=8001",
                        "--metrics-port=8002");
            }
            case "torchserve" -> {
                command = List.of("torchserve");
                args = List.of("--start", "--foreground", "--disable-token-auth", "--model-store", source,
                        "--models", spec.name() + "=" + spec.name() + ".mar");
            }
            default -> {
                List<String> vllm = new ArrayList<>(List.of("--model", source, "--served-model-name", spec.name(),
                        "--port", Integer.toString(port)));
                if (spec.gpuCount() > 1) {
                    vllm.addAll(List.of("--tensor-parallel-size", Integer.toString(spec.gpuCount())));
                }
                args = vllm;
            }
        }
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("AITIP_SERVICE_ID").withValue(spec.id()).build());
        env.add(new EnvVarBuilder().withName("AITIP_MODEL").withValue(spec.model()).build());
        if (spec.modelVersion() != null) {
            env.add(new EnvVarBuilder().withName("AITIP_MODEL_VERSION").withValue(spec.modelVersion()).build());
        }
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
        return new ContainerBuilder().withName("server").withImage(image).withCommand(command).withArgs(args)
                .withEnv(env).addNewPort().withName("http").withContainerPort(port).endPort()
                .withNewResources().withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath(HEALTH.getOrDefault(runtime, "/health"))
                .withPort(new IntOrString("http")).endHttpGet().withPeriodSeconds(10).endReadinessProbe()
                .build();
    }

    private Map<String, String> nodeSelector(InferenceServiceSpec spec) {
        if (spec.gpuCount() == 0 || spec.gpuType() == null) {
            return null;
        }
        String product = properties.gpuProducts().get(spec.gpuType());
        return product == null ? null : Map.of(properties.gpuProductLabel(), product);
    }

    private Service service(InferenceServiceSpec spec, String name, String role) {
        return new ServiceBuilder().withMetadata(meta(spec, name, role)).withNewSpec()
                .withSelector(new TreeMap<>(Map.of(Labels.ID, Names.workload(spec.id()), Labels.ROLE, role)))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build();
    }

    private HorizontalPodAutoscaler autoscaler(InferenceServiceSpec spec) {
        int min = spec.minReplicas() != null ? spec.minReplicas() : Math.max(1, spec.replicas());
        int max = spec.maxReplicas() != null ? Math.max(spec.maxReplicas(), min) : Math.max(min, spec.replicas());
        return new HorizontalPodAutoscalerBuilder().withMetadata(meta(spec, stableName(spec), "stable"))
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName(stableName(spec)).endScaleTargetRef().withMinReplicas(min).withMaxReplicas(max)
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(70).endTarget().endResource().endMetric()
                .endSpec().build();
    }

    /** The route of the service: all traffic to the stable Service, or {@code canaryPercent} to the canary. */
    public HTTPRoute route(InferenceServiceSpec spec, int canaryPercent) {
        String[] gateway = (properties.gateway() == null ? "aitip-system/aitip-gateway" : properties.gateway()).split("/", 2);
        List<HTTPBackendRef> backends = new ArrayList<>();
        backends.add(new HTTPBackendRefBuilder().withName(stableName(spec)).withPort(80).withWeight(100 - canaryPercent)
                .build());
        if (canaryPercent > 0) {
            backends.add(new HTTPBackendRefBuilder().withName(canaryName(spec)).withPort(80).withWeight(canaryPercent)
                    .build());
        }
        return new HTTPRouteBuilder().withMetadata(meta(spec, stableName(spec), null)).withNewSpec()
                .addNewParentRef().withNamespace(gateway.length == 2 ? gateway[0] : null)
                .withName(gateway[gateway.length - 1]).endParentRef()
                .addNewRule().addNewMatch().withNewPath().withType("PathPrefix").withValue("/inference/" + spec.name())
                .endPath().endMatch().withBackendRefs(backends).endRule().endSpec().build();
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
