package io.aitip.platform.inference;

import io.aitip.platform.training.GpuPool;
import java.util.Optional;

/**
 * The port through which inference replicas reach compute: local OS processes by default. An
 * implementation starts and supervises replica processes and reports every change through
 * {@link DeploymentLifecycle} (launched, ready, restarting, ended); it shares its GPUs with training.
 */
public interface InferenceExecutor {

    /** Why this runtime cannot start replicas here (e.g. its command is not installed), or empty when it can. */
    Optional<String> unavailable(InferenceRuntime runtime);

    /** The runtime a deployment gets when it names none. */
    default InferenceRuntime defaultRuntime() {
        return InferenceRuntime.BUILTIN;
    }

    /** The GPU inventory shared with training, and what holds each device now. */
    GpuPool pool();

    /**
     * Starts a stored {@code starting} replica of the service in the background: reserves its GPUs,
     * starts its process and watches it until it answers (→ ready) and afterwards (restarts it when it dies).
     */
    void start(Deployment service, Replica replica);

    /** Terminates a replica already marked stopped (its whole process tree) and frees its GPUs. */
    void terminate(Replica replica);

    /**
     * Called once at start-up: re-attaches to replica processes still running, and restarts those
     * that died while the server was down.
     */
    void recover();

    /** A short name for messages: {@code local}, {@code kubernetes}. */
    default String kind() {
        return "local";
    }
}
