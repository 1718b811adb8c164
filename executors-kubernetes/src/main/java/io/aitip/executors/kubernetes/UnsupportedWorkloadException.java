package io.aitip.executors.kubernetes;

/** The cluster lacks the operator a workload needs (Horovod without the MPI operator, Ray without KubeRay). */
public class UnsupportedWorkloadException extends RuntimeException {

    private final String pointer;

    public UnsupportedWorkloadException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** The JSON Pointer of the argument that asked for it, e.g. {@code /distributed}. */
    public String pointer() {
        return pointer;
    }
}
