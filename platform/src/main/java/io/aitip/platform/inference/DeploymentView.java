package io.aitip.platform.inference;

import java.time.Instant;
import java.util.List;

/** An inference service as the tools return it: what it serves, where it stands, and where to call it. */
public record DeploymentView(
        String serviceId,
        String name,
        String status,
        String statusMessage,
        Model model,
        String runtime,
        String profile,
        Canary canary,
        Resources resources,
        Scaling replicas,
        List<ReplicaView> replicaList,
        Endpoints endpoints,
        Instant createdAt,
        Instant readyAt,
        Instant endedAt) {

    public record Model(String id, String name, String version) {
    }

    /** The canary version and the share of requests the router sends to it. */
    public record Canary(String version, String profile, int trafficPercent) {
    }

    public record Resources(String gpuType, int gpuCount) {
    }

    /** Desired and ready stable replicas, and the bounds inference_scale accepts. */
    public record Scaling(int desired, int ready, int min, int max) {
    }

    public record ReplicaView(String replicaId, String track, String version, String status, String statusMessage,
                              Integer port, String assignedGpus, int restarts, Instant startedAt, Instant readyAt) {
    }

    /** The AITIP router (OpenAI-compatible, authenticated, canary split enforced) and the metrics route. */
    public record Endpoints(String baseUrl, String chatCompletions, String models, String metrics) {
    }

    /** {@code /api/v1/inference/services/<id>/v1}: the service's OpenAI base path on the AITIP server. */
    public static String routerBase(String serviceId) {
        return "/api/v1/inference/services/" + serviceId + "/v1";
    }

    public static DeploymentView of(Deployment d, List<Replica> replicas) {
        List<ReplicaView> views = replicas.stream().map(r -> new ReplicaView(r.id(), r.track().wire(), r.version(),
                r.status().wire(), r.statusMessage(), r.port(), r.assignedGpus(), r.restarts(), r.startedAt(),
                r.readyAt())).toList();
        int ready = (int) replicas.stream().filter(r -> r.track() == Track.STABLE && r.status() == ReplicaStatus.READY)
                .count();
        String base = routerBase(d.id());
        return new DeploymentView(d.id(), d.name(), d.status().wire(), d.statusMessage(),
                new Model(d.modelId(), d.modelName(), d.modelVersion()), d.runtime().wire(), d.profile(),
                d.hasCanary() ? new Canary(d.canaryVersion(), d.canaryProfile(), d.canaryPercent()) : null,
                new Resources(d.gpuType(), d.gpuCount()), new Scaling(d.replicas(), ready, d.minReplicas(), d.maxReplicas()),
                views, new Endpoints(base, base + "/chat/completions", base + "/models",
                "/api/v1/inference/services/" + d.id() + "/metrics"), d.createdAt(), d.readyAt(), d.endedAt());
    }
}
