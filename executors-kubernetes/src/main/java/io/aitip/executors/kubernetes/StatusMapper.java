package io.aitip.executors.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a workload and its pods to an {@link Observation}. Pod-level facts come first where they
 * explain more than the workload's own status: an image that cannot be pulled, an OOM kill, the
 * trainer's exit code, a preemption, the scheduler's reason (from the pod's Events) for not placing it.
 */
public final class StatusMapper {

    private final Function<Pod, Optional<String>> schedulingEvents;

    /** @param schedulingEvents the newest {@code FailedScheduling} event message of a pod, if any */
    public StatusMapper(Function<Pod, Optional<String>> schedulingEvents) {
        this.schedulingEvents = schedulingEvents;
    }

    public Observation observe(HasMetadata workload, List<Pod> pods) {
        Optional<Observation> fromPods = podProblems(pods);
        if (fromPods.isPresent() && fromPods.get().stuck()) {
            return fromPods.get();
        }
        Observation own = workload instanceof Job job ? job(job, pods)
                : custom((GenericKubernetesResource) workload, pods);
        return own;
    }

    private Optional<Observation> podProblems(List<Pod> pods) {
        for (Pod pod : pods) {
            Optional<ContainerStateWaiting> pull = PodFacts.waiting(pod, PodFacts.PULL_ERRORS);
            if (pull.isPresent()) {
                return Optional.of(Observation.stuck("image " + PodFacts.image(pod) + " cannot be pulled ("
                        + pull.get().getReason() + (pull.get().getMessage() == null ? "" : ": " + pull.get().getMessage())
                        + "). Check the image name and the registry credentials, then resubmit."));
            }
            Optional<ContainerStateWaiting> config = PodFacts.waiting(pod, PodFacts.CONFIG_ERRORS);
            if (config.isPresent()) {
                return Optional.of(Observation.stuck("the container of pod " + PodFacts.name(pod) + " cannot be "
                        + "created (" + config.get().getReason() + ": " + config.get().getMessage() + ")."));
            }
        }
        return Optional.empty();
    }

    private Observation job(Job job, List<Pod> pods) {
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
                : job.getStatus().getConditions();
        Optional<JobCondition> complete = trueCondition(conditions, "Complete");
        if (complete.isPresent()) {
            return Observation.succeeded("finished");
        }
        Optional<JobCondition> failed = trueCondition(conditions, "Failed");
        if (failed.isPresent()) {
            return failure(failed.get().getReason(), failed.get().getMessage(), job.getSpec().getActiveDeadlineSeconds(),
                    pods);
        }
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        int active = job.getStatus() == null || job.getStatus().getActive() == null ? 0 : job.getStatus().getActive();
        return live(pods, suspended, active, job.getMetadata());
    }

    private Observation custom(GenericKubernetesResource resource, List<Pod> pods) {
        Map<String, Object> status = resource.get("status");
        String kind = resource.getKind();
        if ("RayJob".equals(kind)) {
            return rayJob(resource, status == null ? Map.of() : status, pods);
        }
        List<Map<String, Object>> conditions = status == null || status.get("conditions") == null ? List.of()
                : cast(status.get("conditions"));
        if (hasTrue(conditions, "Complete") || hasTrue(conditions, "Succeeded")) {
            return Observation.succeeded("finished");
        }
        Optional<Map<String, Object>> failed = firstTrue(conditions, "Failed");
        if (failed.isPresent()) {
            return failure((String) failed.get().get("reason"), (String) failed.get().get("message"), null, pods);
        }
        boolean suspended = hasTrue(conditions, "Suspended") || Boolean.TRUE.equals(specValue(resource, "suspend"));
        boolean running = hasTrue(conditions, "Running") || pods.stream().anyMatch(p -> "Running".equals(PodFacts.phase(p)));
        return live(pods, suspended, running ? 1 : 0, resource.getMetadata());
    }

    private Observation rayJob(GenericKubernetesResource resource, Map<String, Object> status, List<Pod> pods) {
        String jobStatus = (String) status.get("jobStatus");
        String deployment = (String) status.get("jobDeploymentStatus");
        String message = (String) status.get("message");
        if ("SUCCEEDED".equals(jobStatus)) {
            return Observation.succeeded("finished");
        }
        if ("FAILED".equals(jobStatus) || "STOPPED".equals(jobStatus) || "Failed".equals(deployment)) {
            return failure((String) status.get("reason"), message, null, pods);
        }
        boolean suspended = "Suspended".equals(deployment) || Boolean.TRUE.equals(specValue(resource, "suspend"));
        return live(pods, suspended, "RUNNING".equals(jobStatus) ? 1 : 0, resource.getMetadata());
    }

    /** A live workload: suspended (Kueue), running, or waiting for the scheduler. */
    private Observation live(List<Pod> pods, boolean suspended, int active, io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        Optional<Pod> preempted = pods.stream().filter(p -> PodFacts.disrupted(p).isPresent())
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()));
        long runningPods = pods.stream().filter(p -> "Running".equals(PodFacts.phase(p))).count();
        if (suspended) {
            String queue = meta.getLabels() == null ? null : meta.getLabels().get(Labels.KUEUE_QUEUE);
            return Observation.queued(preempted.isPresent() || active > 0
                    ? "preempted by Kueue; waiting to be admitted again in queue " + queue
                    : "waiting for Kueue to admit it in queue " + queue);
        }
        if (runningPods > 0) {
            String note = preempted.map(p -> "; pod " + PodFacts.name(p) + " was preempted ("
                    + PodFacts.disrupted(p).get().getReason() + ") and replaced").orElse("");
            return Observation.running("running (" + runningPods + " pod" + (runningPods == 1 ? "" : "s") + ")" + note);
        }
        if (active > 0 && pods.isEmpty()) {
            return Observation.running("running");
        }
        for (Pod pod : pods) {
            Optional<PodCondition> unschedulable = PodFacts.unschedulable(pod);
            if (unschedulable.isPresent()) {
                String reason = schedulingEvents.apply(pod).orElse(unschedulable.get().getMessage());
                return Observation.queued("unschedulable: " + (reason == null ? unschedulable.get().getReason() : reason));
            }
        }
        if (preempted.isPresent()) {
            return Observation.queued("pod " + PodFacts.name(preempted.get()) + " was preempted ("
                    + PodFacts.disrupted(preempted.get()).get().getReason() + "); waiting for a replacement to be scheduled");
        }
        return Observation.queued("waiting for the cluster to schedule its pods");
    }

    private Observation failure(String reason, String message, Long deadlineSeconds, List<Pod> pods) {
        if ("DeadlineExceeded".equals(reason)) {
            return Observation.failed("ran longer than max_runtime_minutes" + (deadlineSeconds == null ? ""
                    : "=" + deadlineSeconds / 60) + " and was stopped by Kubernetes (activeDeadlineSeconds)", null);
        }
        for (Pod pod : pods) {
            Optional<ContainerStateTerminated> ended = PodFacts.failedContainer(pod);
            if (ended.isPresent()) {
                ContainerStateTerminated t = ended.get();
                if ("OOMKilled".equals(t.getReason())) {
                    return Observation.failed("OOMKilled: pod " + PodFacts.name(pod) + " ran out of memory (exit code "
                            + t.getExitCode() + "); resubmit with more resources.memory_gb or a smaller batch_size",
                            t.getExitCode());
                }
                return Observation.failed("exited with code " + t.getExitCode() + " in pod " + PodFacts.name(pod)
                        + "; see training_logs for the error", t.getExitCode());
            }
        }
        return Observation.failed("failed in the cluster" + (reason == null ? "" : " (" + reason + ")")
                + (message == null ? "" : ": " + message), null);
    }

    private static Optional<JobCondition> trueCondition(List<JobCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static boolean hasTrue(List<Map<String, Object>> conditions, String type) {
        return firstTrue(conditions, type).isPresent();
    }

    private static Optional<Map<String, Object>> firstTrue(List<Map<String, Object>> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.get("type")) && "True".equals(c.get("status"))).findFirst();
    }

    private static Object specValue(GenericKubernetesResource resource, String key) {
        Map<String, Object> spec = resource.get("spec");
        return spec == null ? null : spec.get(key);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
