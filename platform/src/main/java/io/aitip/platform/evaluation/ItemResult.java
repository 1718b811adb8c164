package io.aitip.platform.evaluation;

/** One scored item of an evaluation; {@code error} set when the target failed on it (it then counts as wrong). */
public record ItemResult(int index, String itemId, String category, String prompt, String expected, String answer,
                         String extracted, boolean correct, Integer latencyMs, String error) {
}
