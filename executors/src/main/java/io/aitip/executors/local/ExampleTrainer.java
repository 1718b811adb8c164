package io.aitip.executors.local;

import io.aitip.platform.support.BundledProgram;
import io.aitip.platform.training.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bundled example trainer ({@code trainer/ExampleTrainer.java} on the classpath): what a job
 * without command or image runs, compiled once per server home into {@code <home>/trainer/classes}
 * (see {@link BundledProgram}).
 */
final class ExampleTrainer {

    private static final String RESOURCE = "/trainer/ExampleTrainer.java";

    private final BundledProgram program;
    private String launch;

    ExampleTrainer(Path home, String javaBinary) {
        this.program = new BundledProgram(RESOURCE, "ExampleTrainer", home.resolve("trainer"), javaBinary);
    }

    /** The shell command running the trainer with the job's hyperparameters. */
    String command(TrainingConfig c, Path checkpointDir) {
        List<String> args = new ArrayList<>();
        add(args, "epochs", c.epochs() == null ? 2 : c.epochs());
        add(args, "learning-rate", c.learningRate());
        add(args, "batch-size", c.batchSize());
        add(args, "seed", c.seed());
        add(args, "max-steps", c.maxSteps());
        add(args, "warmup-steps", c.warmupSteps());
        add(args, "weight-decay", c.weightDecay());
        add(args, "checkpoint-dir", Shell.quote(checkpointDir.toString()));
        return launch() + " " + String.join(" ", args);
    }

    private static void add(List<String> args, String name, Object value) {
        if (value != null) {
            args.add("--" + name + " " + value);
        }
    }

    /** {@code java -cp <classes> ExampleTrainer}, compiling first if needed. */
    synchronized String launch() {
        if (launch == null) {
            launch = program.command(List.of()).stream().map(Shell::quote).collect(Collectors.joining(" "));
        }
        return launch;
    }
}
