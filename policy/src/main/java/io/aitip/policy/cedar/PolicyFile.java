package io.aitip.policy.cedar;

/** One policy file as read: where it came from (for messages) and its text. */
public record PolicyFile(String name, String origin, String text) {
}
