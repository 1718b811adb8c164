package io.aitip.executors.kubernetes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Kubernetes executor, prefix {@code aitip.executor.kubernetes}; active when
 * {@code aitip.executor.kind=kubernetes} ({@code AITIP_EXECUTOR=kubernetes}).
 *
 * @param kubeconfig         a kubeconfig file; unset → {@code KUBECONFIG}, {@code ~/.kube/config}, or the
 *                           in-cluster service account, in that order (fabric8's auto-configuration)
 * @param context            the kubeconfig context to use; unset → the file's current context
 * @param namespaceTemplate  the namespace of a project's workloads; {@code {org}} and {@code {project}}
 *                           are replaced by the ids, lower-cased and cut to a DNS label
 *                           (default {@code aitip-{project}})
 * @param createNamespaces   whether the executor creates a missing project namespace (default true;
 *                           turn off where namespaces are provisioned by GitOps)
 * @param gpuProductLabel    the node label holding the GPU product (default {@code nvidia.com/gpu.product},
 *                           set by NVIDIA GPU feature discovery)
 * @param gpuProducts        AITIP GPU type → value of that label, e.g. {@code a100: NVIDIA-A100-SXM4-80GB}
 * @param tolerateGpuTaint   whether GPU pods tolerate the {@code nvidia.com/gpu} taint (default true)
 * @param trainerImage       the image of a job that names none (default a PyTorch runtime image)
 * @param shmSize            size of the {@code /dev/shm} memory volume of training pods (default 16Gi)
 * @param checkpointClaim    a PersistentVolumeClaim mounted at {@code /checkpoints}; unset → an
 *                           object-store URI is passed instead (see {@code checkpointUri})
 * @param checkpointUri      object-store prefix for checkpoints, e.g. {@code s3://ckpt}; the job gets
 *                           {@code <prefix>/<job_id>} as {@code AITIP_CHECKPOINT_URI}
 * @param callbackUrl        AITIP's base URL as pods reach it; metrics are posted to
 *                           {@code <callbackUrl>/api/v1/training/jobs/<job_id>/metrics}
 * @param kueue              {@code auto} (default: use Kueue when its CRDs exist), {@code on}, {@code off}
 * @param queueNameTemplate  the Kueue LocalQueue of a project (default {@code {project}})
 * @param priorityClasses    lowest {@code priority} (0..100) → PriorityClass name; the highest
 *                           threshold at or below a job's priority wins (default none)
 * @param runtimeImages      runtime → image: inference ({@code vllm}, {@code triton}, {@code torchserve})
 *                           and {@code ray} for RayJobs that name no image, and {@code probe}, a JDK image
 *                           that runs evaluation and simulation probes (default {@code eclipse-temurin:17-jdk})
 * @param gateway            the Gateway ({@code namespace/name}) that canary HTTPRoutes attach to
 * @param ttlAfterFinished   how long finished Jobs stay in the cluster (default 1 day)
 * @param leaseName          the coordination.k8s.io Lease that elects the one active reconciler
 * @param leaseNamespace     where that Lease lives (default {@code aitip-system})
 * @param leaseDuration      how long a leader that stopped renewing keeps the Lease (default 15 s)
 * @param resyncPeriod       how often the leader compares store and cluster in full (default 5 min)
 * @param logPollPeriod      how often pod logs are copied into the job log store (default 2 s)
 * @param inferencePollPeriod how often inference Deployments are compared with the store's replicas
 *                           and their readiness copied back (default 2 s)
 * @param probeGrace         how long after an evaluation's or simulation's Job ended, or after its run
 *                           was recorded when the Job is gone, the leader takes the run over from the
 *                           replica that may still be following it (default 2 min)
 */
@ConfigurationProperties(prefix = "aitip.executor.kubernetes")
public record KubernetesProperties(String kubeconfig, String context, String namespaceTemplate,
                                   Boolean createNamespaces, String gpuProductLabel, Map<String, String> gpuProducts,
                                   Boolean tolerateGpuTaint, String trainerImage, String shmSize,
                                   String checkpointClaim, String checkpointUri, String callbackUrl, String kueue,
                                   String queueNameTemplate, Map<Integer, String> priorityClasses,
                                   Map<String, String> runtimeImages, String gateway, Duration ttlAfterFinished,
                                   String leaseName, String leaseNamespace, Duration leaseDuration, Duration resyncPeriod,
                                   Duration logPollPeriod, Duration inferencePollPeriod, Duration probeGrace) {

    public static final Map<String, String> DEFAULT_GPU_PRODUCTS = ordered(
            "t4", "Tesla-T4", "l4", "NVIDIA-L4", "a10g", "NVIDIA-A10G", "a100", "NVIDIA-A100-SXM4-80GB",
            "h100", "NVIDIA-H100-80GB-HBM3", "h200", "NVIDIA-H200", "rtx4090", "NVIDIA-GeForce-RTX-4090");

    public static final Map<String, String> DEFAULT_RUNTIME_IMAGES = ordered(
            "vllm", "vllm/vllm-openai:v0.6.4", "triton", "nvcr.io/nvidia/tritonserver:24.10-py3",
            "torchserve", "pytorch/torchserve:0.12.0-gpu", "ray", "rayproject/ray:2.40.0-py310-gpu",
            "probe", "eclipse-temurin:17-jdk");

    public KubernetesProperties {
        kubeconfig = blank(kubeconfig) ? null : kubeconfig.trim();
        context = blank(context) ? null : context.trim();
        checkpointClaim = blank(checkpointClaim) ? null : checkpointClaim.trim();
        checkpointUri = blank(checkpointUri) ? null : checkpointUri.trim();
        callbackUrl = blank(callbackUrl) ? null : callbackUrl.trim();
        gateway = blank(gateway) ? null : gateway.trim();
        namespaceTemplate = blank(namespaceTemplate) ? "aitip-{project}" : namespaceTemplate.trim();
        createNamespaces = createNamespaces == null || createNamespaces;
        gpuProductLabel = blank(gpuProductLabel) ? "nvidia.com/gpu.product" : gpuProductLabel.trim();
        gpuProducts = gpuProducts == null || gpuProducts.isEmpty() ? DEFAULT_GPU_PRODUCTS : Map.copyOf(gpuProducts);
        tolerateGpuTaint = tolerateGpuTaint == null || tolerateGpuTaint;
        trainerImage = blank(trainerImage) ? "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime" : trainerImage.trim();
        shmSize = blank(shmSize) ? "16Gi" : shmSize.trim();
        kueue = blank(kueue) ? "auto" : kueue.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "on", "off").contains(kueue)) {
            throw new IllegalArgumentException("aitip.executor.kubernetes.kueue must be auto, on or off, not " + kueue);
        }
        queueNameTemplate = blank(queueNameTemplate) ? "{project}" : queueNameTemplate.trim();
        priorityClasses = priorityClasses == null ? Map.of() : Map.copyOf(priorityClasses);
        runtimeImages = runtimeImages == null || runtimeImages.isEmpty() ? DEFAULT_RUNTIME_IMAGES
                : merged(DEFAULT_RUNTIME_IMAGES, runtimeImages);
        ttlAfterFinished = ttlAfterFinished == null ? Duration.ofDays(1) : ttlAfterFinished;
        leaseName = blank(leaseName) ? "aitip-reconciler" : leaseName.trim();
        leaseNamespace = blank(leaseNamespace) ? "aitip-system" : leaseNamespace.trim();
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
        resyncPeriod = resyncPeriod == null ? Duration.ofMinutes(5) : resyncPeriod;
        logPollPeriod = logPollPeriod == null ? Duration.ofSeconds(2) : logPollPeriod;
        inferencePollPeriod = inferencePollPeriod == null ? Duration.ofSeconds(2) : inferencePollPeriod;
        probeGrace = probeGrace == null ? Duration.ofMinutes(2) : probeGrace;
    }

    /** All defaults. */
    public static KubernetesProperties defaults() {
        return new KubernetesProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.putAll(over);
        return java.util.Collections.unmodifiableMap(map);
    }
}
