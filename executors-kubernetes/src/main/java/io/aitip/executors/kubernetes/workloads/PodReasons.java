package io.aitip.executors.kubernetes.workloads;

import io.aitip.executors.kubernetes.PodFacts;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Why the pods of an inference Deployment are not ready, in words for a replica's status: an image
 * that cannot be pulled (permanent: the replicas fail), CrashLoopBackOff with the last exit
 * (OOMKilled included), or the scheduler's reason from the pod's {@code FailedScheduling} Event.
 */
final class PodReasons {

    /** @param permanent the pods can never start as they are (the service's starting replicas fail) */
    record Reason(String message, boolean permanent) {
    }

    private static final Set<String> CRASHING = Set.of("CrashLoopBackOff", "RunContainerError");

    private final Function<Pod, Optional<String>> schedulingEvents;

    PodReasons(Function<Pod, Optional<String>> schedulingEvents) {
        this.schedulingEvents = schedulingEvents;
    }

    Optional<Reason> of(List<Pod> pods) {
        for (Pod pod : pods) {
            Optional<ContainerStateWaiting> pull = PodFacts.waiting(pod, PodFacts.PULL_ERRORS);
            if (pull.isPresent()) {
                return Optional.of(new Reason("pod " + PodFacts.name(pod) + ": image " + PodFacts.image(pod)
                        + " cannot be pulled (" + pull.get().getReason() + (pull.get().getMessage() == null ? ""
                        : ": " + pull.get().getMessage()) + "); check the runtime image and registry credentials", true));
            }
        }
        for (Pod pod : pods) {
            Optional<ContainerStateWaiting> crash = PodFacts.waiting(pod, CRASHING);
            Optional<ContainerStateTerminated> last = PodFacts.containers(pod).stream()
                    .map(ContainerStatus::getLastState).filter(s -> s != null && s.getTerminated() != null)
                    .map(s -> s.getTerminated()).findFirst();
            if (crash.isPresent() || last.filter(t -> "OOMKilled".equals(t.getReason())).isPresent()) {
                String exit = last.map(t -> "; last exit " + t.getExitCode() + (t.getReason() == null ? ""
                        : " (" + t.getReason() + ")")).orElse("");
                String state = crash.map(ContainerStateWaiting::getReason).orElse("restarting");
                String hint = last.filter(t -> "OOMKilled".equals(t.getReason())).isPresent()
                        ? ": OOMKilled, it needs more memory" : "";
                return Optional.of(new Reason("pod " + PodFacts.name(pod) + " is in " + state + exit + hint, false));
            }
        }
        for (Pod pod : pods) {
            Optional<PodCondition> unschedulable = PodFacts.unschedulable(pod);
            if (unschedulable.isPresent()) {
                String reason = schedulingEvents.apply(pod).orElse(unschedulable.get().getMessage());
                return Optional.of(new Reason("pod " + PodFacts.name(pod) + " is unschedulable: "
                        + (reason == null ? unschedulable.get().getReason() : reason), false));
            }
        }
        return Optional.empty();
    }
}
