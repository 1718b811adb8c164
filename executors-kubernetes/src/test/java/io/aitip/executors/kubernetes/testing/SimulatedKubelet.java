package io.aitip.executors.kubernetes.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A SIMULATED kubelet, scheduler, Job controller and Kueue for tests (the mock API server runs no
 * controllers). Every 20 ms it reads the Jobs that AITIP manages and moves them on: admits
 * suspended ones that carry a Kueue queue label, creates one pod per completion index, places GPU
 * pods on nodes with the right product and free GPUs (or marks them unschedulable, with a
 * {@code FailedScheduling} Event), fails pods whose image cannot be pulled, and runs pods. In
 * {@link Mode#RUN_COMMANDS} a pod's {@code /bin/sh -c} command runs as a real local process with
 * the container's environment and its output becomes the pod log; in {@link Mode#HOLD} pods run
 * until the test ends them ({@link #finish}, {@link #oomKill}, {@link #preempt}). Job status
 * (active, succeeded, Complete/Failed conditions) follows its pods, as the Job controller would.
 */
public final class SimulatedKubelet implements AutoCloseable {

    public enum Mode { RUN_COMMANDS, HOLD }

    private final KubernetesClient client;
    private final Map<String, StringBuffer> logs;
    private final Map<String, SimPod> pods = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> jobStatusWritten = new ConcurrentHashMap<>();
    private final Set<String> deadlineExceeded = ConcurrentHashMap.newKeySet();
    private final Thread loop;
    private volatile Mode mode = Mode.RUN_COMMANDS;
    private volatile boolean admitKueue = true;
    private volatile boolean running = true;
    private volatile BiConsumer<String, String> onJobStatus = (job, phase) -> { };
    private volatile int podsCreated;
    private io.fabric8.kubernetes.client.informers.SharedIndexInformer<Job> jobInformer;

    SimulatedKubelet(KubernetesClient client, Map<String, StringBuffer> logs) {
        this.client = client;
        this.logs = logs;
        this.loop = new Thread(this::run, "simulated-kubelet");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    public SimulatedKubelet mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** Whether the simulated Kueue admits suspended Jobs at once (default true). */
    public SimulatedKubelet admitKueue(boolean admit) {
        this.admitKueue = admit;
        return this;
    }

    /** Called with (namespace/job, Running|Complete|Failed) right after the kubelet wrote that Job status. */
    public void onJobStatus(BiConsumer<String, String> listener) {
        this.onJobStatus = listener;
    }

    public int podsCreated() {
        return podsCreated;
    }

    /** Ends the running pods of a Job with {@code exitCode} (HOLD mode). */
    public void finish(String namespace, String job, int exitCode) {
        podsOf(namespace, job).forEach(p -> p.end(exitCode, exitCode == 0 ? "Completed" : "Error"));
    }

    /** Kills the pods of a Job for exceeding their memory limit (exit 137, reason OOMKilled). */
    public void oomKill(String namespace, String job) {
        podsOf(namespace, job).forEach(p -> p.end(137, "OOMKilled"));
    }

    /** Preempts the pods of a Job (DisruptionTarget): the Job controller starts replacements. */
    public void preempt(String namespace, String job) {
        podsOf(namespace, job).forEach(p -> {
            p.disrupted = true;
            p.end(143, "Error");
        });
    }

    /** Fails a Job as the Job controller does when activeDeadlineSeconds passed. */
    public void exceedDeadline(String namespace, String job) {
        deadlineExceeded.add(namespace + "/" + job);
        podsOf(namespace, job).forEach(p -> p.end(143, "Error"));
    }

    private List<SimPod> podsOf(String namespace, String job) {
        return pods.values().stream().filter(p -> p.jobKey().equals(namespace + "/" + job)
                && p.state != SimPod.State.ENDED).toList();
    }

    private void run() {
        while (running) {
            try {
                tick();
            } catch (KubernetesClientException e) {
                // a write raced with the test or the executor; the next tick sees fresh objects
            } catch (RuntimeException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void tick() {
        if (jobInformer == null) {
            // a watch-fed cache, as controllers use: the kubelet reads it instead of listing every tick
            jobInformer = client.batch().v1().jobs().inAnyNamespace()
                    .withLabel("app.kubernetes.io/managed-by", "aitip").inform();
        }
        List<Job> jobs = jobInformer.getStore().list();
        Map<String, List<SimPod>> byJob = new HashMap<>();
        for (SimPod pod : pods.values()) {
            byJob.computeIfAbsent(pod.jobKey(), k -> new ArrayList<>()).add(pod);
        }
        Set<String> present = new HashSet<>();
        for (Job job : jobs) {
            String key = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
            present.add(key);
            if (finished(job)) {
                continue;
            }
            if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
                Map<String, String> labels = job.getMetadata().getLabels();
                if (admitKueue && labels != null && labels.containsKey("kueue.x-k8s.io/queue-name")) {
                    client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                            .withName(job.getMetadata().getName()).edit(j -> {
                                j.getSpec().setSuspend(false);
                                return j;
                            });
                }
                continue;
            }
            control(job, key, byJob.getOrDefault(key, List.of()));
        }
        for (SimPod pod : List.copyOf(pods.values())) {
            if (!present.contains(pod.jobKey())) {
                pod.end(137, "Error"); // the Job was deleted: garbage-collect its pods
                pods.remove(pod.key());
                try {
                    client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
                } catch (KubernetesClientException ignored) {
                    // already gone
                }
            }
        }
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    /** The Job controller's part: pods per index, then the Job's status from them. */
    private void control(Job job, String key, List<SimPod> known) {
        int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        List<SimPod> mine = new ArrayList<>(known);
        for (int i = 0; i < completions; i++) {
            int index = i;
            boolean covered = mine.stream().anyMatch(p -> p.index == index && !p.disrupted);
            if (!covered && !deadlineExceeded.contains(key)) {
                mine.add(createPod(job, index));
            }
        }
        for (SimPod pod : mine) {
            advance(pod);
        }
        writeJobStatus(job, key, completions, mine);
    }

    private SimPod createPod(Job job, int index) {
        String ns = job.getMetadata().getNamespace();
        String jobName = job.getMetadata().getName();
        int attempt = attempts.merge(ns + "/" + jobName + "/" + index, 1, Integer::sum);
        String name = jobName + "-" + index + "-" + Integer.toString(attempt, 36) + "x";
        var template = job.getSpec().getTemplate();
        var container = template.getSpec().getContainers().get(0);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put("batch.kubernetes.io/job-completion-index", Integer.toString(index));
        labels.put("job-name", jobName);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .addToAnnotations("batch.kubernetes.io/job-completion-index", Integer.toString(index))
                .withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(template.getSpec()).withNewStatus().withPhase("Pending").endStatus().build();
        client.pods().inNamespace(ns).resource(pod).create();
        podsCreated++;
        Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
        int gpus = limits == null || !limits.containsKey("nvidia.com/gpu") ? 0
                : limits.get("nvidia.com/gpu").getNumericalAmount().intValue();
        Map<String, String> selector = template.getSpec().getNodeSelector();
        String product = selector == null ? null : selector.get("nvidia.com/gpu.product");
        List<String> command = container.getCommand();
        String shell = command != null && command.size() == 3 && command.get(0).equals("/bin/sh") ? command.get(2) : null;
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : Integer.toString(index));
        }
        SimPod sim = new SimPod(ns, name, jobName, index, gpus, product, container.getImage(), shell, env);
        Map<String, String> volumes = new HashMap<>();
        if (template.getSpec().getVolumes() != null) {
            template.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> volumes.put(v.getName(), v.getConfigMap().getName()));
        }
        if (container.getVolumeMounts() != null) {
            container.getVolumeMounts().stream().filter(m -> volumes.containsKey(m.getName()))
                    .forEach(m -> sim.configMaps.put(m.getMountPath(), volumes.get(m.getName())));
        }
        pods.put(sim.key(), sim);
        return sim;
    }

    /** The scheduler's and the kubelet's part for one pod. */
    private void advance(SimPod pod) {
        switch (pod.state) {
            case PENDING, UNSCHEDULABLE -> schedule(pod);
            case RUNNING -> {
                Process p = pod.process;
                if (p != null && !p.isAlive()) {
                    pod.end(p.exitValue(), p.exitValue() == 0 ? "Completed" : "Error");
                }
            }
            default -> { }
        }
        SimPod.State now = pod.state; // a test may end the pod meanwhile: what was written is what the Job follows
        if (!pod.written || pod.writtenState != now) {
            writePodStatus(pod, now);
            pod.written = true;
            pod.writtenState = now;
        }
    }

    private void schedule(SimPod pod) {
        String node = pod.gpus == 0 ? "sim-cpu-node" : freeNode(pod);
        if (node == null) {
            if (pod.state != SimPod.State.UNSCHEDULABLE) {
                pod.state = SimPod.State.UNSCHEDULABLE;
                pod.written = false;
                int nodes = client.nodes().list().getItems().size();
                client.v1().events().inNamespace(pod.namespace).resource(new EventBuilder().withNewMetadata()
                        .withName(pod.name + ".sched").withNamespace(pod.namespace).endMetadata()
                        .withNewInvolvedObject().withKind("Pod").withName(pod.name).withNamespace(pod.namespace)
                        .endInvolvedObject().withReason("FailedScheduling").withType("Warning")
                        .withLastTimestamp(Instant.now().toString())
                        .withMessage("0/" + nodes + " nodes are available: " + nodes + " Insufficient nvidia.com/gpu"
                                + (pod.product == null ? "" : " or node(s) didn't match node selector "
                                + "nvidia.com/gpu.product=" + pod.product) + ".")
                        .build()).createOr(op -> op.update());
            }
            return;
        }
        pod.node = node;
        client.pods().inNamespace(pod.namespace).withName(pod.name).edit(p -> {
            p.getSpec().setNodeName(node);
            return p;
        });
        pod.written = false;
        if (pod.image != null && pod.image.contains("does-not-exist")) {
            pod.state = SimPod.State.STUCK;
            return;
        }
        String command = pod.command;
        for (Map.Entry<String, String> mount : pod.configMaps.entrySet()) {
            var configMap = client.configMaps().inNamespace(pod.namespace).withName(mount.getValue()).get();
            if (configMap == null) {
                return; // as a kubelet does: the container waits until its ConfigMap volume can be mounted
            }
            if (command != null) {
                command = command.replace(mount.getKey(), mountConfigMap(pod, configMap));
            }
        }
        pod.state = SimPod.State.RUNNING;
        if (mode == Mode.RUN_COMMANDS && command != null) {
            start(pod, command);
        }
    }

    private String freeNode(SimPod pod) {
        Map<String, Integer> used = new HashMap<>();
        for (SimPod other : pods.values()) {
            if (other.node != null && other.state == SimPod.State.RUNNING) {
                used.merge(other.node, other.gpus, Integer::sum);
            }
        }
        for (Node node : client.nodes().list().getItems()) {
            String product = node.getMetadata().getLabels() == null ? null
                    : node.getMetadata().getLabels().get("nvidia.com/gpu.product");
            Quantity total = node.getStatus().getAllocatable().get("nvidia.com/gpu");
            int free = (total == null ? 0 : total.getNumericalAmount().intValue())
                    - used.getOrDefault(node.getMetadata().getName(), 0);
            if ((pod.product == null || pod.product.equals(product)) && free >= pod.gpus) {
                return node.getMetadata().getName();
            }
        }
        return null;
    }

    /** A ConfigMap volume: its files in a fresh folder, which the pod's command then names instead of the mount path. */
    private static String mountConfigMap(SimPod pod, io.fabric8.kubernetes.api.model.ConfigMap configMap) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sim-volume-" + pod.name);
            dir.toFile().deleteOnExit();
            if (configMap.getData() != null) {
                for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
                    java.nio.file.Path path = java.nio.file.Files.writeString(dir.resolve(file.getKey()), file.getValue());
                    path.toFile().deleteOnExit();
                }
            }
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start(SimPod pod, String command) {
        StringBuffer log = logs.computeIfAbsent(pod.key(), k -> new StringBuffer());
        try {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeIf(n -> n.startsWith("AITIP_"));
            builder.environment().putAll(pod.env);
            Process process = builder.start();
            pod.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        log.append(line).append('\n');
                    }
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            }, "sim-pod-" + pod.name);
            reader.setDaemon(true);
            reader.start();
        } catch (java.io.IOException e) {
            pod.end(128, "ContainerCannotRun");
        }
    }

    private void writePodStatus(SimPod pod, SimPod.State state) {
        logs.computeIfAbsent(pod.key(), k -> new StringBuffer());
        PodStatus status = switch (state) {
            case PENDING -> new PodStatusBuilder().withPhase("Pending").build();
            case UNSCHEDULABLE -> new PodStatusBuilder().withPhase("Pending").addToConditions(new PodConditionBuilder()
                    .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                    .withMessage("0/N nodes are available").build()).build();
            case STUCK -> new PodStatusBuilder().withPhase("Pending").addToContainerStatuses(new ContainerStatusBuilder()
                    .withName("trainer").withImage(pod.image).withReady(false).withNewState().withNewWaiting()
                    .withReason("ErrImagePull").withMessage("rpc error: pull access denied for " + pod.image)
                    .endWaiting().endState().build()).build();
            case RUNNING -> new PodStatusBuilder().withPhase("Running").withStartTime(Instant.now().toString())
                    .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
                    .addToContainerStatuses(new ContainerStatusBuilder().withName("trainer").withImage(pod.image)
                            .withReady(true).withNewState().withNewRunning().withStartedAt(Instant.now().toString())
                            .endRunning().endState().build()).build();
            case ENDED -> ended(pod);
        };
        client.pods().inNamespace(pod.namespace).withName(pod.name).editStatus(p -> {
            p.setStatus(status);
            return p;
        });
    }

    private static PodStatus ended(SimPod pod) {
        PodStatusBuilder status = new PodStatusBuilder().withPhase(pod.exitCode == 0 ? "Succeeded" : "Failed")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("trainer").withImage(pod.image)
                        .withReady(false).withNewState().withNewTerminated().withExitCode(pod.exitCode)
                        .withReason(pod.endReason).withFinishedAt(Instant.now().toString()).endTerminated().endState()
                        .build());
        if (pod.disrupted) {
            status.addToConditions(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                    .withReason("PreemptionByScheduler").withMessage("preempted by a higher-priority pod").build());
        }
        return status.build();
    }

    private void writeJobStatus(Job job, String key, int completions, List<SimPod> mine) {
        if (mine.stream().anyMatch(p -> p.state == SimPod.State.ENDED && p.writtenState != SimPod.State.ENDED)) {
            return; // as the Job controller, which sees a pod end only once the kubelet wrote it
        }
        int active = (int) mine.stream().filter(p -> p.state == SimPod.State.RUNNING).count();
        int succeeded = (int) mine.stream().filter(p -> p.state == SimPod.State.ENDED && p.exitCode == 0).count();
        List<SimPod> failed = mine.stream().filter(p -> p.state == SimPod.State.ENDED && p.exitCode != 0
                && !p.disrupted).toList();
        List<JobCondition> conditions = new ArrayList<>();
        String phase = active > 0 ? "Running" : "Pending";
        if (deadlineExceeded.contains(key)) {
            conditions.add(condition("Failed", "DeadlineExceeded", "Job was active longer than specified deadline"));
            phase = "Failed";
        } else if (!failed.isEmpty()) {
            SimPod first = failed.get(0);
            mine.stream().filter(p -> p.state != SimPod.State.ENDED).forEach(p -> p.end(143, "Error"));
            conditions.add(condition("Failed", "PodFailurePolicy", "Container trainer for pod " + first.namespace + "/"
                    + first.name + " failed with exit code " + first.exitCode + " matching FailJob rule at index 1"));
            phase = "Failed";
        } else if (succeeded >= completions) {
            conditions.add(condition("Complete", null, null));
            phase = "Complete";
        }
        String fingerprint = active + "/" + succeeded + "/" + failed.size() + "/" + phase;
        if (Objects.equals(jobStatusWritten.get(key), fingerprint)) {
            return;
        }
        JobStatus status = new JobStatusBuilder().withActive(active).withSucceeded(succeeded).withFailed(failed.size())
                .withStartTime(Instant.now().toString()).withConditions(conditions).build();
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(status);
                    return j;
                });
        jobStatusWritten.put(key, fingerprint);
        onJobStatus.accept(key, phase);
    }

    private static JobCondition condition(String type, String reason, String message) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastTransitionTime(Instant.now().toString()).build();
    }

    @Override
    public void close() {
        if (jobInformer != null) {
            jobInformer.close();
        }
        running = false;
        loop.interrupt();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pods.values().forEach(p -> p.end(137, "Error"));
    }
}
