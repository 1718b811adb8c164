package io.aitip.platform.models;

import io.aitip.tools.model.ToolContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SHA-256 of a checkpoint on this machine, streamed so a large file never sits in memory. A
 * directory (sharded checkpoints) hashes as the digest of its files' relative paths and digests in
 * path order, so the same tree always gives the same checksum.
 */
final class Checksums {

    private static final int BUFFER = 1 << 16;

    private Checksums() {
    }

    /** The local path a checkpoint location names: a plain absolute path or a {@code file:} URI; empty otherwise. */
    static Optional<Path> localPath(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        try {
            if (location.startsWith("file:")) {
                return Optional.of(Path.of(URI.create(location)));
            }
            Path path = Path.of(location);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code sha256:<hex>} of the file or directory, or empty when it does not exist here. */
    static Optional<String> sha256(Path path, ToolContext context) {
        try {
            if (Files.isRegularFile(path)) {
                return Optional.of("sha256:" + HexFormat.of().formatHex(digestFile(path, context)));
            }
            if (Files.isDirectory(path)) {
                MessageDigest tree = sha();
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String relative = path.relativize(file).toString().replace('\\', '/');
                    tree.update(relative.getBytes(StandardCharsets.UTF_8));
                    tree.update((byte) 0);
                    tree.update(HexFormat.of().formatHex(digestFile(file, context)).getBytes(StandardCharsets.US_ASCII));
                    tree.update((byte) '\n');
                }
                return Optional.of("sha256:" + HexFormat.of().formatHex(tree.digest()));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] digestFile(Path file, ToolContext context) throws IOException {
        MessageDigest digest = sha();
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
                if (context != null && (read & ((1 << 26) - 1)) < n) {
                    context.checkCancelled();
                }
            }
        }
        return digest.digest();
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
