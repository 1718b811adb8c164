package io.aitip.executors.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a growing {@code output.log} from a byte offset, a chunk at a time, and returns whole lines.
 * A trailing partial line stays unread until its newline arrives (or {@link #read} is told the
 * process has ended), so the stored offset always falls on a line boundary.
 */
final class OutputTailer {

    private static final int CHUNK = 1 << 20;
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final Path file;
    private long offset;

    OutputTailer(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    long offset() {
        return offset;
    }

    /** New complete lines since the last read, at most about 1 MiB; {@code final_} also takes an unterminated last line. */
    List<String> read(boolean finalRead) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= offset) {
                return lines;
            }
            int size = (int) Math.min(CHUNK, length - offset);
            byte[] buf = new byte[size];
            raf.seek(offset);
            raf.readFully(buf);
            int start = 0;
            for (int i = 0; i < size; i++) {
                if (buf[i] == '\n') {
                    lines.add(decode(buf, start, i));
                    start = i + 1;
                } else if (i - start >= MAX_LINE_BYTES) {
                    lines.add(decode(buf, start, i));
                    start = i;
                }
            }
            boolean atEnd = offset + size == length;
            if (start < size && finalRead && atEnd) {
                lines.add(decode(buf, start, size));
                start = size;
            }
            offset += start;
        }
        return lines;
    }

    private static String decode(byte[] buf, int from, int to) {
        int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(buf, from, end - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(buf, from, end - from, StandardCharsets.UTF_8);
        }
    }
}
