package io.aitip.platform.training;

/**
 * The port through which training jobs reach compute: local OS processes by default, Kubernetes at
 * scale. Implementations own the move from {@code pending} onwards, through {@link JobStateMachine}.
 */
public interface JobExecutor {

    /** Takes a stored {@code pending} job: queues it and starts it when its resources are free. */
    void submit(TrainingJob job);

    /** Cancels a pending or queued job, or terminates a running one (its whole process tree) → {@code cancelled}. */
    void stop(TrainingJob job);

    /**
     * Called once at start-up: re-attaches to jobs still running, settles those that ended while the
     * server was down, and re-queues pending and queued jobs in their original order.
     */
    void recover();

    /** The GPU inventory and what holds each device now. */
    GpuPool pool();

    /** Whether multi-process or multi-node jobs ({@code distributed} other than {@code none}) can run here. */
    default boolean supportsDistributed() {
        return false;
    }

    /**
     * Refuses, before it is stored, a job this executor cannot run here (a distributed mode whose
     * operator the cluster lacks), with a {@code ToolException} that says what to do instead.
     */
    default void check(TrainingJob draft) {
    }

    /** A short name for messages: {@code local}, {@code kubernetes}. */
    default String kind() {
        return "local";
    }
}
