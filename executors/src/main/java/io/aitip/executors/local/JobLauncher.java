package io.aitip.executors.local;

import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a job's process in its work dir {@code <home>/jobs/<job_id>/}: the job's command (or the
 * example trainer) under a wrapper shell that writes the exit status to {@code exit_code}, with
 * stdout and stderr appended to {@code output.log}, so a restarted server can re-attach or settle it.
 * Where {@code setsid} exists the job gets its own session, so signals aimed at the server's
 * terminal (Ctrl-C) do not take running jobs down with it.
 */
final class JobLauncher {

    static final String OUTPUT = "output.log";
    static final String EXIT_CODE = "exit_code";
    static final String CHECKPOINTS = "checkpoints";

    /** Runs {@code $AITIP_COMMAND} in a child shell, then records its status atomically. */
    private static final String WRAPPER = "/bin/sh -c \"$AITIP_COMMAND\"; code=$?; "
            + "echo $code > " + EXIT_CODE + ".tmp && mv " + EXIT_CODE + ".tmp " + EXIT_CODE + "; exit $code";

    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> new File(path).canExecute()).findFirst();

    private final Path jobsDir;
    private final ExampleTrainer trainer;

    JobLauncher(Path home, ExampleTrainer trainer) {
        this.jobsDir = home.resolve("jobs");
        this.trainer = trainer;
    }

    Path workDir(String jobId) {
        return jobsDir.resolve(jobId);
    }

    Process start(TrainingJob job, String cudaVisibleDevices) throws IOException {
        Path work = workDir(job.id());
        Path checkpoints = work.resolve(CHECKPOINTS);
        Files.createDirectories(checkpoints);
        Files.deleteIfExists(work.resolve(EXIT_CODE));
        String command = job.command() != null ? job.command() : trainer.command(job.config(), checkpoints);
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add); // own session: Ctrl-C on the server's terminal does not reach the job
        argv.addAll(List.of("/bin/sh", "-c", WRAPPER));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(OUTPUT).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AITIP_")); // the server's own settings and secrets stay out
        env.put("AITIP_COMMAND", command);
        env.put("AITIP_JOB_ID", job.id());
        env.put("AITIP_JOB_NAME", job.name());
        env.put("AITIP_MODEL", job.model());
        env.put("AITIP_WORK_DIR", work.toString());
        env.put("AITIP_CHECKPOINT_DIR", checkpoints.toString());
        env.put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        if (job.datasetId() != null) {
            env.put("AITIP_DATASET_ID", job.datasetId());
            env.put("AITIP_DATASET_VERSION", job.datasetVersion());
        }
        hyperparameters(job.config()).forEach((name, value) -> {
            if (value != null) {
                env.put("AITIP_HP_" + name.toUpperCase(Locale.ROOT), value.toString());
            }
        });
        return builder.start();
    }

    private static Map<String, Object> hyperparameters(TrainingConfig c) {
        java.util.LinkedHashMap<String, Object> hp = new java.util.LinkedHashMap<>();
        hp.put("learning_rate", c.learningRate());
        hp.put("batch_size", c.batchSize());
        hp.put("epochs", c.epochs());
        hp.put("warmup_steps", c.warmupSteps());
        hp.put("weight_decay", c.weightDecay());
        hp.put("seed", c.seed());
        hp.put("max_steps", c.maxSteps());
        return hp;
    }
}
