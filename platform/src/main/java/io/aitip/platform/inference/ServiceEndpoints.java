package io.aitip.platform.inference;

import io.aitip.platform.sandbox.TargetResolver;
import io.aitip.platform.support.Scope;
import java.net.URI;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The port through which other features (evaluation, simulation, tests) reach a deployed model:
 * an OpenAI-compatible base URL for a service, reachable from the server machine without
 * credentials. It is a ready replica of the service's stable version ({@code http://127.0.0.1:<port>/v1}),
 * so work that runs in a separate process can call it directly; such calls bypass the router's
 * canary split and metrics, which apply to callers of the authenticated router endpoint. It is the
 * {@link TargetResolver} that lets evaluations and simulations name a service ({@code svc-…}) as target.
 */
@Component
public class ServiceEndpoints implements TargetResolver {

    private final DeploymentStore store;

    public ServiceEndpoints(DeploymentStore store) {
        this.store = store;
    }

    /**
     * The base URL (ending in {@code /v1}) of the caller's ready service with this id or name;
     * empty when there is none in the caller's project or it has no ready replica.
     */
    @Override
    public Optional<URI> chatBaseUrl(Scope scope, String serviceIdOrName) {
        if (serviceIdOrName == null || serviceIdOrName.isBlank()) {
            return Optional.empty();
        }
        return store.find(scope, serviceIdOrName).filter(d -> d.status() == ServiceStatus.READY)
                .flatMap(d -> store.readyReplicas(d.id()).stream().filter(r -> r.track() == Track.STABLE).findFirst()
                        .or(() -> store.readyReplicas(d.id()).stream().findFirst()))
                .map(r -> URI.create(r.baseUrl() + "/v1"));
    }
}
