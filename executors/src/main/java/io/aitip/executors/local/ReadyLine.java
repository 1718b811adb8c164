package io.aitip.executors.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the built-in runtime's {@code AITIP_READY port=<n>} line in a replica's output. */
final class ReadyLine {

    private static final Pattern READY = Pattern.compile("(?m)^AITIP_READY port=(\\d+)\\s*$");
    private static final int MAX_READ = 64 * 1024;

    private ReadyLine() {
    }

    /** The port of the last ready line in the first 64 KiB of the file, if any. */
    static Optional<Integer> port(Path output) {
        try {
            if (!Files.exists(output)) {
                return Optional.empty();
            }
            byte[] bytes;
            try (var in = Files.newInputStream(output)) {
                bytes = in.readNBytes(MAX_READ);
            }
            Matcher m = READY.matcher(new String(bytes, StandardCharsets.UTF_8));
            Integer port = null;
            while (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            return Optional.ofNullable(port);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
