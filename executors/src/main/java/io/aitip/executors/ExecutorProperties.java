package io.aitip.executors;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the training executors, prefix {@code aitip.executor}.
 *
 * @param kind        which executor runs jobs: {@code local} (default, OS processes on this machine)
 *                    or {@code kubernetes}; the server maps it from {@code AITIP_EXECUTOR}
 * @param home        the data folder: job work dirs go to {@code <home>/jobs/<job_id>/}, the compiled
 *                    example trainer to {@code <home>/trainer/}; the server maps it from
 *                    {@code AITIP_HOME}, default {@code ${user.home}/.aitip}
 * @param gpus        GPUs to pretend when {@code nvidia-smi} is absent, e.g. {@code a100:4,t4:2};
 *                    from {@code AITIP_GPUS}; ignored when {@code nvidia-smi} reports devices
 * @param maxCpuJobs  how many CPU-only jobs (gpu_count 0) run at once; more wait queued (default 2)
 * @param javaBinary  the {@code java} that runs the bundled example trainer (default: this JVM's)
 * @param stopGrace   how long a stopped or timed-out job's processes get after SIGTERM before
 *                    SIGKILL (default 10 s)
 */
@ConfigurationProperties(prefix = "aitip.executor")
public record ExecutorProperties(String kind, Path home, String gpus, Integer maxCpuJobs, String javaBinary,
                                 Duration stopGrace) {

    public ExecutorProperties {
        kind = kind == null || kind.isBlank() ? "local" : kind.trim();
        home = home == null ? Path.of(System.getProperty("user.home"), ".aitip") : home;
        maxCpuJobs = maxCpuJobs == null || maxCpuJobs < 1 ? 2 : maxCpuJobs;
        javaBinary = javaBinary == null || javaBinary.isBlank()
                ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : javaBinary;
        stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
    }
}
