package io.aitip.platform.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The probe runner ({@code sandbox/ProbeRunner.java} on the classpath, JDK only): copied to
 * {@code <home>/sandbox/probe/} and compiled there once (again only when the source changes);
 * without a system compiler the JVM runs it in source mode. Its classpath holds nothing of the
 * server, so the sandboxed process cannot reach the server's code, settings or secrets.
 */
final class ProbeProgram {

    private static final String RESOURCE = "/sandbox/ProbeRunner.java";
    static final String MAIN = "ProbeRunner";

    private final Path dir;
    private List<String> launch;

    ProbeProgram(Path home) {
        this.dir = home.resolve("sandbox").resolve("probe");
    }

    /** What follows {@code java <jvm options>}: a classpath and main class, or the source file. */
    synchronized List<String> launch() {
        if (launch == null) {
            launch = install();
        }
        return launch;
    }

    private List<String> install() {
        try {
            byte[] source;
            try (InputStream in = ProbeProgram.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                source = in.readAllBytes();
            }
            Files.createDirectories(dir);
            Path file = dir.resolve(MAIN + ".java");
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), source)) {
                Path tmp = Files.createTempFile(dir, MAIN, ".tmp");
                Files.write(tmp, source);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String hash = sha256(source);
            Path classes = dir.resolve("classes");
            Path stamp = classes.resolve(".source-sha256");
            if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
                return List.of("-cp", classes.toString(), MAIN);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                return List.of(file.toString());
            }
            Path build = Files.createTempDirectory(dir, "classes-");
            if (compiler.run(null, null, null, "--release", "17", "-d", build.toString(), file.toString()) != 0) {
                return List.of(file.toString());
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
            return List.of("-cp", classes.toString(), MAIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the probe runner under " + dir, e);
        }
    }

    static void deleteTree(Path path) throws IOException {
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
