package io.aitip.executors.kubernetes.testing;

import java.util.Map;

/** The kubelet's memory of one pod it runs. */
final class SimPod {

    enum State { PENDING, UNSCHEDULABLE, STUCK, RUNNING, ENDED }

    final String namespace;
    final String name;
    final String job;
    final int index;
    final int gpus;
    final String product;
    final String image;
    final String command;
    final Map<String, String> env;
    /** ConfigMap volumes: mount path → ConfigMap name (the kubelet writes their files to a folder). */
    final Map<String, String> configMaps = new java.util.LinkedHashMap<>();
    volatile State state = State.PENDING;
    volatile String node;
    volatile Process process;
    volatile Integer exitCode;
    volatile String endReason;
    volatile boolean disrupted;
    volatile boolean written;
    /** The state whose status was last written to the API server. */
    volatile State writtenState;

    SimPod(String namespace, String name, String job, int index, int gpus, String product, String image, String command,
           Map<String, String> env) {
        this.namespace = namespace;
        this.name = name;
        this.job = job;
        this.index = index;
        this.gpus = gpus;
        this.product = product;
        this.image = image;
        this.command = command;
        this.env = env;
    }

    String key() {
        return namespace + "/" + name;
    }

    String jobKey() {
        return namespace + "/" + job;
    }

    /** Ends the pod now (exit code, reason), stopping its process. */
    void end(int code, String reason) {
        if (state == State.ENDED) {
            return;
        }
        endReason = reason;
        exitCode = code;
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        state = State.ENDED;
        written = false;
    }
}
