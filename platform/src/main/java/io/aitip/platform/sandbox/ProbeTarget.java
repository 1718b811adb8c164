package io.aitip.platform.sandbox;

import java.net.URI;

/**
 * Where a sandboxed probe sends its requests.
 *
 * @param display     the target as the caller named it (a URL without credentials, or a service id)
 * @param baseUrl     the OpenAI-compatible base URL, ending in {@code /v1} by convention
 * @param connectHost the address the SSRF guard checked, which plain-HTTP requests are pinned to;
 *                    null for platform-owned services, which are trusted and resolved normally
 * @param serviceId   the inference service behind the target, or null for a URL
 */
public record ProbeTarget(String display, URI baseUrl, String connectHost, String serviceId) {
}
