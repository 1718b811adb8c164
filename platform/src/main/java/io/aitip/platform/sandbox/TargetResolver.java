package io.aitip.platform.sandbox;

import io.aitip.platform.support.Scope;
import java.net.URI;
import java.util.Optional;

/**
 * Resolves an inference service to the OpenAI-compatible base URL evaluations and simulations
 * call. The inference module provides the bean; without one, targets can only be URLs
 * ({@link Targets} refuses service ids with a message that says so). http(s) URLs never reach a
 * resolver: {@link Targets} checks them with the SSRF guard itself.
 */
public interface TargetResolver {

    /**
     * The base URL (e.g. {@code http://127.0.0.1:41234/v1}; {@code /chat/completions} is appended)
     * of the service with this id ({@code svc-…}) or unique name in the caller's project, when it
     * exists there and can take requests; empty when the project has no such service. Throw a
     * {@code ToolException} (e.g. CONFLICT for a stopped service) to explain why it cannot be used.
     */
    Optional<URI> chatBaseUrl(Scope scope, String target);
}
