package io.aitip.executors.kubernetes.workloads;

import java.util.Map;

/**
 * An inference service as the executor needs it, filled by the platform's inference service.
 *
 * @param id           the AITIP service id ({@code svc-…}); the workload names derive from it
 * @param name         the service name, also the served model name and the route path
 * @param model        the model name; {@code modelUri} where the runtime loads it from
 * @param runtime      {@code vllm}, {@code triton} or {@code torchserve}
 * @param image        an image that overrides the runtime's configured one, or null
 * @param replicas     replicas to start with; {@code minReplicas}/{@code maxReplicas} bound the
 *                     HorizontalPodAutoscaler (no HPA when both are null)
 */
public record InferenceServiceSpec(String id, String orgId, String projectId, String name, String model,
                                   String modelVersion, String modelUri, String runtime, String image, String gpuType,
                                   int gpuCount, Double cpu, Double memoryGb, int replicas, Integer minReplicas,
                                   Integer maxReplicas, Map<String, String> env) {

    public InferenceServiceSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The same service serving another model version (a canary). */
    public InferenceServiceSpec withModel(String version, String uri) {
        return new InferenceServiceSpec(id, orgId, projectId, name, model, version, uri, runtime, image, gpuType,
                gpuCount, cpu, memoryGb, replicas, minReplicas, maxReplicas, env);
    }
}
