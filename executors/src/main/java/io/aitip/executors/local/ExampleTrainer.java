package io.aitip.executors.local;

import io.aitip.platform.training.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled example trainer ({@code trainer/ExampleTrainer.java} on the classpath): what a job
 * without command or image runs. Compiled once per server home into {@code <home>/trainer/classes}
 * (again only when the source changes); without a system compiler the JVM runs it in source mode.
 */
final class ExampleTrainer {

    private static final Logger log = LoggerFactory.getLogger(ExampleTrainer.class);
    private static final String RESOURCE = "/trainer/ExampleTrainer.java";

    private final Path dir;
    private final String javaBinary;
    private String launch;

    ExampleTrainer(Path home, String javaBinary) {
        this.dir = home.resolve("trainer");
        this.javaBinary = javaBinary;
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
            launch = install();
        }
        return launch;
    }

    private String install() {
        try {
            byte[] source;
            try (InputStream in = ExampleTrainer.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                source = in.readAllBytes();
            }
            Files.createDirectories(dir);
            Path file = dir.resolve("ExampleTrainer.java");
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), source)) {
                Path tmp = Files.createTempFile(dir, "ExampleTrainer", ".tmp");
                Files.write(tmp, source);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String hash = sha256(source);
            Path classes = dir.resolve("classes");
            Path stamp = classes.resolve(".source-sha256");
            if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
                return classpathLaunch(classes);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                log.info("no Java compiler in this runtime: the example trainer runs in source mode");
                return Shell.quote(javaBinary) + " " + Shell.quote(file.toString());
            }
            Path build = Files.createTempDirectory(dir, "classes-");
            int rc = compiler.run(null, null, null, "-d", build.toString(), file.toString());
            if (rc != 0) {
                log.warn("compiling the example trainer failed (rc {}): running it in source mode", rc);
                return Shell.quote(javaBinary) + " " + Shell.quote(file.toString());
            }
            Files.writeString(build.resolve(".source-sha256"), hash, StandardCharsets.UTF_8);
            try {
                deleteTree(classes);
                Files.move(build, classes, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                deleteTree(build);
                if (!Files.exists(stamp) || !Files.readString(stamp).equals(hash)) {
                    throw raced;
                }
            }
            return classpathLaunch(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the example trainer under " + dir, e);
        }
    }

    private String classpathLaunch(Path classes) {
        return Shell.quote(javaBinary) + " -cp " + Shell.quote(classes.toString()) + " ExampleTrainer";
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
