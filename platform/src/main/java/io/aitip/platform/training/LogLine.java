package io.aitip.platform.training;

import java.time.Instant;

/** One line of a job's output; {@code seq} counts from 1 and is the cursor of training_logs. */
public record LogLine(long seq, Instant at, String line) {
}
