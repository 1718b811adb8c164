package io.aitip.executors.kubernetes.workloads;

import java.util.List;
import java.util.Map;

/**
 * An evaluation or simulation run as a Kubernetes Job, filled by the platform's evaluation and
 * simulation services.
 *
 * @param id       the AITIP run id ({@code eval-…}, {@code sim-…})
 * @param kind     {@code evaluation} or {@code simulation} (a label; both run the same way)
 * @param command  the container command, or null for the image's entrypoint
 * @param env      variables for the run (benchmark, model URI, target endpoint, samples, …)
 * @param files    file name → text, mounted read-only at {@link #FILES_DIR} from a ConfigMap
 *                 {@code <id>-files} that the Job owns (the probe's spec and program); empty for none
 * @param maxRuntimeSeconds the Job's {@code activeDeadlineSeconds}, or null for none
 */
public record BatchRunSpec(String id, String kind, String orgId, String projectId, String name, String image,
                           List<String> command, Map<String, String> env, String gpuType, int gpuCount, Double cpu,
                           Double memoryGb, Long maxRuntimeSeconds, Map<String, String> files) {

    /** Where {@link #files} appear in the container. */
    public static final String FILES_DIR = "/aitip/run";

    /** A run without files, its deadline in minutes. */
    public BatchRunSpec(String id, String kind, String orgId, String projectId, String name, String image,
                        List<String> command, Map<String, String> env, String gpuType, int gpuCount, Double cpu,
                        Double memoryGb, Integer maxRuntimeMinutes) {
        this(id, kind, orgId, projectId, name, image, command, env, gpuType, gpuCount, cpu, memoryGb,
                maxRuntimeMinutes == null ? null : maxRuntimeMinutes * 60L, Map.of());
    }

    public BatchRunSpec {
        if (!"evaluation".equals(kind) && !"simulation".equals(kind)) {
            throw new IllegalArgumentException("kind must be evaluation or simulation, not " + kind);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        command = command == null ? null : List.copyOf(command);
        files = files == null ? Map.of() : Map.copyOf(files);
    }
}
