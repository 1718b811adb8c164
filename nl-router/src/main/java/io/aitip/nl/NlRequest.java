package io.aitip.nl;

/**
 * The body of {@code POST /api/v1/agent/natural-language} (DESIGN.md "Natural-language contract").
 *
 * @param confirm  the confirmation token of the conversation's pending call
 * @param project  {@code context.project}: informational; the tenant always comes from the credential
 */
public record NlRequest(String message, String conversationId, boolean dryRun, String confirm, String project) {
}
