package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads what matters to AITIP from a pod's status: pull errors, OOM kills, exit codes, preemption, scheduling. */
public final class PodFacts {

    public static final Set<String> PULL_ERRORS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    public static final Set<String> CONFIG_ERRORS = Set.of("CreateContainerConfigError", "CreateContainerError");

    private PodFacts() {
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    public static List<ContainerStatus> containers(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<ContainerStatus> all = new java.util.ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            all.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            all.addAll(pod.getStatus().getContainerStatuses());
        }
        return all;
    }

    public static Optional<ContainerStateWaiting> waiting(Pod pod, Set<String> reasons) {
        return containers(pod).stream().map(c -> c.getState() == null ? null : c.getState().getWaiting())
                .filter(w -> w != null && reasons.contains(w.getReason())).findFirst();
    }

    /** The first container that ended with a failure, if any. */
    public static Optional<ContainerStateTerminated> failedContainer(Pod pod) {
        return containers(pod).stream().map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .filter(t -> t != null && (t.getExitCode() == null || t.getExitCode() != 0)).findFirst();
    }

    public static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .filter(c -> "True".equals(c.getStatus()) || "PodScheduled".equals(type)).findFirst();
    }

    /** The scheduler could not place the pod. */
    public static Optional<PodCondition> unschedulable(Pod pod) {
        return condition(pod, "PodScheduled").filter(c -> "False".equals(c.getStatus()));
    }

    /** The pod was preempted or evicted ({@code DisruptionTarget}). */
    public static Optional<PodCondition> disrupted(Pod pod) {
        return condition(pod, "DisruptionTarget");
    }

    public static String image(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getContainers().isEmpty() ? "?"
                : pod.getSpec().getContainers().get(0).getImage();
    }

    public static String name(Pod pod) {
        return pod.getMetadata().getName();
    }
}
