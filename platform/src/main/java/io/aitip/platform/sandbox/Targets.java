package io.aitip.platform.sandbox;

import io.aitip.platform.support.Scope;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code target} argument of evaluation_run and simulation_run into a {@link ProbeTarget}:
 * an http(s) URL passes the SSRF guard (private, loopback and metadata addresses are refused unless
 * the operator allow-lists them with {@code AITIP_TARGET_ALLOWLIST}); anything else is an inference
 * service, resolved by the inference module's {@link TargetResolver} when there is one.
 */
@Component
public class Targets {

    private final UrlGuard guard;
    private final ObjectProvider<TargetResolver> resolvers;

    @Autowired
    public Targets(@Value("${aitip.targets.allowlist:${AITIP_TARGET_ALLOWLIST:}}") String allowlist,
                   ObjectProvider<TargetResolver> resolvers) {
        this(new UrlGuard(allowlist, java.net.InetAddress::getAllByName, "evaluations and simulations",
                "AITIP_TARGET_ALLOWLIST"), resolvers);
    }

    public Targets(UrlGuard guard, ObjectProvider<TargetResolver> resolvers) {
        this.guard = guard;
        this.resolvers = resolvers;
    }

    /** The target to probe; INVALID_ARGUMENTS at {@code pointer} for a refused URL, NOT_FOUND for an unknown service. */
    public ProbeTarget resolve(Scope scope, String target, String pointer) {
        if (target == null || target.isBlank()) {
            throw ToolException.invalid(pointer, "Name the model endpoint to call: an inference service id (svc-…) "
                    + "or an OpenAI-compatible URL such as http://host:8000/v1.");
        }
        String text = target.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url(text, pointer);
        }
        if (lower.contains("://")) {
            throw ToolException.invalid(pointer, "Only http:// and https:// endpoints can be targets, not '"
                    + text.substring(0, lower.indexOf("://")) + "'.");
        }
        TargetResolver resolver = resolvers.getIfAvailable();
        if (resolver == null) {
            throw new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, "'" + text + "' is not a URL, and this "
                    + "server cannot resolve inference services as targets yet. Pass the service's OpenAI-compatible "
                    + "URL instead, e.g. http://host:8000/v1.", pointer));
        }
        Optional<URI> base = resolver.chatBaseUrl(scope, text);
        if (base.isEmpty()) {
            throw new ToolException(ToolError.at(ErrorCode.NOT_FOUND, "Inference service '" + text + "' was not found "
                    + "in this project. Check the id or name with inference_list, or pass an OpenAI-compatible URL.", pointer));
        }
        return new ProbeTarget(text, normalize(base.get()), null, text);
    }

    private ProbeTarget url(String text, String pointer) {
        UrlGuard.Target checked;
        try {
            checked = guard.check(text);
        } catch (UrlGuard.Refused e) {
            throw ToolException.invalid(pointer, e.getMessage());
        }
        URI uri = normalize(checked.uri());
        return new ProbeTarget(uri.toString(), uri, checked.address().getHostAddress(), null);
    }

    /**
     * The base URL the probe appends {@code /chat/completions} to: a full endpoint loses that suffix,
     * a bare host gets {@code /v1}; any other path (a gateway prefix) is kept.
     */
    static URI normalize(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.endsWith("/chat/completions")) {
            path = path.substring(0, path.length() - "/chat/completions".length());
        }
        if (path.isEmpty()) {
            path = "/v1";
        }
        String authority = uri.getRawAuthority();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path);
    }
}
