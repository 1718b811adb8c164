package io.aitip.platform.support;

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
 * A single-file, JDK-only Java program shipped as a classpath resource (the example trainer, the
 * built-in inference runtime, the sandbox's probe runner). Compiled once per server home into
 * {@code <dir>/classes} (again only when the source changes); without a system compiler the JVM runs
 * it in source mode. Its classpath holds nothing of the server.
 */
public final class BundledProgram {

    private static final Logger log = LoggerFactory.getLogger(BundledProgram.class);

    private final String resource;
    private final String mainClass;
    private final Path dir;
    private final String javaBinary;
    private List<String> command;

    /** @param resource the source on the classpath, e.g. {@code /runtime/TinyChatServer.java} */
    public BundledProgram(String resource, String mainClass, Path dir, String javaBinary) {
        this.resource = resource;
        this.mainClass = mainClass;
        this.dir = dir;
        this.javaBinary = javaBinary;
    }

    /** The program's command line up to its own arguments, given JVM options; compiles first if needed. */
    public synchronized List<String> command(List<String> jvmOptions) {
        if (command == null) {
            command = install();
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.get(0));
        argv.addAll(jvmOptions);
        argv.addAll(command.subList(1, command.size()));
        return argv;
    }

    private List<String> install() {
        try {
            byte[] source;
            try (InputStream in = BundledProgram.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                source = in.readAllBytes();
            }
            Files.createDirectories(dir);
            Path file = dir.resolve(mainClass + ".java");
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), source)) {
                Path tmp = Files.createTempFile(dir, mainClass, ".tmp");
                Files.write(tmp, source);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String hash = sha256(source);
            Path classes = dir.resolve("classes");
            Path stamp = classes.resolve(".source-sha256");
            if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
                return List.of(javaBinary, "-cp", classes.toString(), mainClass);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                log.info("no Java compiler in this runtime: {} runs in source mode", mainClass);
                return List.of(javaBinary, file.toString());
            }
            Path build = Files.createTempDirectory(dir, "classes-");
            int rc = compiler.run(null, null, null, "--release", "17", "-d", build.toString(), file.toString());
            if (rc != 0) {
                log.warn("compiling {} failed (rc {}): running it in source mode", mainClass, rc);
                return List.of(javaBinary, file.toString());
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
            return List.of(javaBinary, "-cp", classes.toString(), mainClass);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + mainClass + " under " + dir, e);
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path path) throws IOException {
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
