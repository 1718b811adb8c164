package io.aitip.nl.slots;

/**
 * A typed piece of a sentence that can fill a slot: where it is, what kind, and its value.
 *
 * @param detail for ids the prefix ({@code train}), for GPUs the count (or null), for numbers the unit
 */
public record Mention(Kind kind, int start, int end, String value, String detail) {

    public enum Kind {
        URI, ID, QUOTED, GPU, GPU_COUNT, SCI_NUMBER, IDENTIFIER, VERSION, NUMBER
    }

    public boolean overlaps(int from, int to) {
        return start < to && from < end;
    }
}
