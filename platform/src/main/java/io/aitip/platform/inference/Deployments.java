package io.aitip.platform.inference;

import io.aitip.platform.models.Model;
import io.aitip.platform.models.ModelService;
import io.aitip.platform.models.ModelVersion;
import io.aitip.platform.support.Scope;
import io.aitip.platform.training.GpuPool;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Inference rules the tools (and releases) share: resolving services and model versions, checking
 * a deployment against the executor (runtime installed, GPUs free) before anything is stored, and
 * the changes that start or stop replicas. Every check runs before the first write, so bad input
 * changes nothing.
 */
@Service
public class Deployments {

    private final DeploymentStore store;
    private final DeploymentLifecycle lifecycle;
    private final ModelService models;
    private final ObjectProvider<InferenceExecutor> executors;

    public Deployments(DeploymentStore store, DeploymentLifecycle lifecycle, ModelService models,
                       ObjectProvider<InferenceExecutor> executors) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.models = models;
        this.executors = executors;
    }

    public DeploymentStore store() {
        return store;
    }

    public InferenceExecutor executor() {
        InferenceExecutor executor = executors.getIfAvailable();
        if (executor == null) {
            throw new ToolException(ErrorCode.UNAVAILABLE, "No inference executor is configured on this server. "
                    + "Ask an operator to run it with the local executor (AITIP_EXECUTOR=local).");
        }
        return executor;
    }

    /** The caller's service by id or name; NOT_FOUND at {@code pointer} otherwise (other tenants' included). */
    public Deployment require(Scope scope, String idOrName, String pointer) {
        return store.find(scope, idOrName).orElseThrow(() -> new ToolException(ToolError.at(ErrorCode.NOT_FOUND,
                "Inference service '" + idOrName + "' was not found. Check the id or name with inference_list, or "
                        + "deploy it with inference_deploy.", pointer)));
    }

    public DeploymentView view(Deployment d) {
        return DeploymentView.of(d, store.replicas(d.id()));
    }

    public DeploymentView view(String serviceId) {
        return view(store.findById(serviceId).orElseThrow());
    }

    /** A model and one of its versions, resolved for a deployment. */
    public record ResolvedVersion(Model model, ModelVersion version) {
    }

    /** The model (by id or name) and version ({@code v3}, {@code 3}; null: the latest), or NOT_FOUND with a pointer. */
    public ResolvedVersion resolveVersion(Scope scope, String modelRef, String versionRef, String modelPointer,
                                          String versionPointer) {
        Model model = models.store().find(scope, modelRef.trim()).orElseThrow(() -> new ToolException(ToolError.at(
                ErrorCode.NOT_FOUND, "Model '" + modelRef + "' was not found. Check the name with model_list, or "
                        + "register it with model_register.", modelPointer)));
        if (model.latestVersionNumber() == 0) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Model " + model.name() + " has no version yet. "
                    + "Register one with model_register.", modelPointer));
        }
        int number = model.latestVersionNumber();
        if (versionRef != null && !versionRef.isBlank()) {
            String digits = versionRef.trim().replaceFirst("^[vV]", "");
            try {
                number = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                number = -1;
            }
        }
        int wanted = number;
        ModelVersion version = models.store().version(model.id(), wanted).orElseThrow(() -> new ToolException(
                ToolError.at(ErrorCode.NOT_FOUND, "Model " + model.name() + " has no version '" + versionRef
                        + "': its versions are v1 to v" + model.latestVersionNumber() + ". See model_versions.",
                        versionPointer)));
        return new ResolvedVersion(model, version);
    }

    /** The profile the built-in runtime runs a version with: the one asked for, else the version's, else weak. */
    static String profileFor(InferenceRuntime runtime, SafetyProfile asked, ModelVersion version, String pointer) {
        if (runtime != InferenceRuntime.BUILTIN) {
            if (asked != null) {
                throw ToolException.invalid(pointer, "profile applies to the builtin runtime only; " + runtime.wire()
                        + " serves the model's own weights. Leave profile out, or deploy with runtime builtin.");
            }
            return null;
        }
        return (asked != null ? asked : SafetyProfile.fromArtifact(version.artifactUri()).orElse(SafetyProfile.WEAK))
                .wire();
    }

    public Deployment deploy(Scope scope, InferenceDeployTool.Input in) {
        InferenceExecutor executor = executor();
        ResolvedVersion resolved = resolveVersion(scope, in.model(), in.modelVersion(), "/model", "/model_version");
        InferenceRuntime runtime = in.runtime() == null ? executor.defaultRuntime() : in.runtime();
        executor.unavailable(runtime).ifPresent(why -> {
            throw new ToolException(ToolError.at(ErrorCode.UNAVAILABLE, why, "/runtime"));
        });
        String profile = profileFor(runtime, in.profile(), resolved.version(), "/profile");
        int replicas = in.replicas() == null ? 1 : in.replicas();
        int min = in.minReplicas() == null ? Math.min(1, replicas) : in.minReplicas();
        int max = in.maxReplicas() == null ? Math.max(replicas, min) : in.maxReplicas();
        if (min > max) {
            throw ToolException.invalid("/min_replicas", "min_replicas " + min + " is above max_replicas " + max
                    + ". Choose min_replicas ≤ replicas ≤ max_replicas.");
        }
        if (replicas < min || replicas > max) {
            throw ToolException.invalid("/replicas", "replicas " + replicas + " is outside the bounds " + min + "–" + max
                    + " (min_replicas–max_replicas). Choose a count within them, or widen the bounds.");
        }
        InferenceDeployTool.Resources res = in.resources();
        int gpuCount = res == null || res.gpuCount() == null ? (res == null || res.gpuType() == null ? 0 : 1) : res.gpuCount();
        String gpuType = gpuCount == 0 ? null : gpuType(executor.pool(), res.gpuType() == null ? null : res.gpuType().wire(),
                gpuCount, replicas);
        String name = in.name() != null ? in.name().trim() : resolved.model().name() + "-" + resolved.version().version();
        if (name.matches("svc-[0-9a-f]{8}")) {
            throw ToolException.invalid("/name", "A service name cannot look like a service id (svc-…). Choose another name.");
        }
        if (store.liveNameTaken(scope, name)) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "A live inference service named '" + name
                    + "' already exists in this project. Choose another name, or change that service with "
                    + "inference_scale / inference_canary, or stop it with inference_stop.", "/name"));
        }
        Deployment draft = new Deployment(Ids.next("svc"), scope.orgId(), scope.projectId(), scope.userId(), name,
                resolved.model().id(), resolved.model().name(), resolved.version().version(), profile, null, null, 0,
                runtime, gpuType, gpuCount, replicas, min, max, ServiceStatus.DEPLOYING,
                "deploying: 0/" + replicas + " replica" + (replicas == 1 ? "" : "s") + " ready", null, null, null, null);
        List<Replica> started;
        try {
            started = lifecycle.create(draft, resolved.version().artifactUri());
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "A live inference service named '" + name
                    + "' was just deployed in this project. Choose another name.", "/name"));
        }
        Deployment stored = store.findById(draft.id()).orElseThrow();
        started.forEach(r -> executor.start(stored, r));
        return store.findById(draft.id()).orElseThrow();
    }

    /** The GPU type for {@code replicas × count} devices: the one asked for or the first with enough free; checked now. */
    private static String gpuType(GpuPool pool, String type, int count, int replicas) {
        int needed = count * replicas;
        String chosen = type != null ? type : pool.totals().entrySet().stream().filter(e -> e.getValue() >= needed)
                .map(e -> e.getKey()).findFirst().orElseThrow(() -> ToolException.invalid("/resources/gpu_count",
                        "No GPU type has " + needed + " devices for " + replicas + " replica(s) × " + count
                                + " GPU(s): this platform has " + pool.describe() + ". Ask for fewer, or gpu_count 0."));
        checkGpus(pool, chosen, needed, "/resources/gpu_count");
        return chosen;
    }

    /** INVALID when the platform has fewer than {@code needed} devices of the type, UNAVAILABLE when too few are free now. */
    static void checkGpus(GpuPool pool, String type, int needed, String pointer) {
        if (needed == 0) {
            return;
        }
        int total = pool.total(type);
        if (total < needed) {
            throw ToolException.invalid(pointer, "This needs " + needed + " " + type + " GPU(s) but the platform has "
                    + pool.describe() + " in total. Ask for fewer, or another gpu_type (see resources_gpus).");
        }
        int free = pool.free(type);
        if (free < needed) {
            String holders = pool.devices().stream().filter(d -> d.type().equals(type) && d.jobId() != null)
                    .map(GpuPool.Device::jobId).distinct().collect(Collectors.joining(", "));
            throw new ToolException(ToolError.at(ErrorCode.UNAVAILABLE, "This needs " + needed + " " + type
                    + " GPU(s) but only " + free + " are free now (held by " + holders + "). Stop one of those, ask "
                    + "for fewer, or try again later.", pointer));
        }
    }

    /** CONFLICT unless the service is live (deploying or ready). */
    private static void requireLive(Deployment d, String action) {
        if (!d.status().live()) {
            throw new ToolException(ErrorCode.CONFLICT, "Inference service " + d.id() + " (" + d.name() + ") is "
                    + d.status().wire() + "; it cannot be " + action + ". Deploy it again with inference_deploy.");
        }
    }

    public Deployment scale(Scope scope, String ref, int replicas) {
        Deployment d = require(scope, ref, "/service");
        requireLive(d, "scaled");
        if (replicas < d.minReplicas() || replicas > d.maxReplicas()) {
            throw ToolException.invalid("/replicas", "replicas " + replicas + " is outside the service's bounds "
                    + d.minReplicas() + "–" + d.maxReplicas() + " (min_replicas–max_replicas set at deploy).");
        }
        List<Replica> stable = store.liveReplicas(d.id()).stream().filter(r -> r.track() == Track.STABLE).toList();
        int more = replicas - stable.size();
        if (more > 0 && d.gpuCount() > 0) {
            checkGpus(executor().pool(), d.gpuType(), more * d.gpuCount(), "/replicas");
        }
        InferenceExecutor executor = executor();
        lifecycle.setReplicas(d.id(), replicas);
        if (more > 0) {
            String artifact = models.store().version(d.modelId(), number(d.modelVersion()))
                    .map(ModelVersion::artifactUri).orElse(null);
            List<Replica> added = lifecycle.addReplicas(d.id(), new DeploymentLifecycle.ReplicaPlan(Track.STABLE,
                    d.modelVersion(), artifact, d.profile(), more));
            Deployment now = store.findById(d.id()).orElseThrow();
            added.forEach(r -> executor.start(now, r));
        } else if (more < 0) {
            // drop starting replicas before ready ones, the newest first
            List<Replica> drop = stable.stream().sorted(Comparator.comparing((Replica r) -> r.status() == ReplicaStatus.READY)
                    .thenComparing(Replica::ordinal, Comparator.reverseOrder())).limit(-more).toList();
            lifecycle.stopReplicas(drop, "scaled down to " + replicas).forEach(executor::terminate);
        }
        lifecycle.settle(d.id());
        return store.findById(d.id()).orElseThrow();
    }

    /**
     * Sends {@code percent} of the service's requests to {@code version}: starts a canary replica of it
     * (replacing a canary of another version), changes only the share for the same version, and with 0 %
     * removes the canary. The stable version with 0 % also removes it.
     */
    public Deployment canary(Scope scope, String ref, String versionRef, int percent, SafetyProfile askedProfile) {
        Deployment d = require(scope, ref, "/service");
        requireLive(d, "given a canary");
        if (percent < 0 || percent > 100) {
            throw ToolException.invalid("/traffic_percent", "traffic_percent must be between 0 and 100, got " + percent + ".");
        }
        ResolvedVersion resolved = resolveVersion(scope, d.modelId(), versionRef, "/service", "/model_version");
        String version = resolved.version().version();
        if (version.equals(d.modelVersion())) {
            if (percent != 0) {
                throw ToolException.invalid("/model_version", version + " is already the stable version of " + d.name()
                        + ". Name another version for the canary, or pass traffic_percent 0 to remove the canary.");
            }
            return clearCanary(d);
        }
        if (percent == 0) {
            return clearCanary(d);
        }
        if (d.status() != ServiceStatus.READY) {
            throw new ToolException(ErrorCode.CONFLICT, "Inference service " + d.id() + " is still deploying. Wait until "
                    + "inference_get shows it ready, then start the canary.");
        }
        String profile = profileFor(d.runtime(), askedProfile, resolved.version(), "/profile");
        InferenceExecutor executor = executor();
        boolean sameCanary = version.equals(d.canaryVersion())
                && (askedProfile == null || askedProfile.wire().equals(d.canaryProfile()));
        if (!sameCanary) {
            if (d.gpuCount() > 0) {
                checkGpus(executor.pool(), d.gpuType(), d.gpuCount(), "/model_version");
            }
            stopCanaryReplicas(d, "replaced by canary " + version);
        }
        lifecycle.setCanary(d.id(), version, profile, percent);
        if (!sameCanary) {
            List<Replica> added = lifecycle.addReplicas(d.id(), new DeploymentLifecycle.ReplicaPlan(Track.CANARY, version,
                    resolved.version().artifactUri(), profile, 1));
            Deployment now = store.findById(d.id()).orElseThrow();
            added.forEach(r -> executor.start(now, r));
        }
        return store.findById(d.id()).orElseThrow();
    }

    private Deployment clearCanary(Deployment d) {
        stopCanaryReplicas(d, "canary removed");
        lifecycle.setCanary(d.id(), null, null, 0);
        return store.findById(d.id()).orElseThrow();
    }

    private void stopCanaryReplicas(Deployment d, String message) {
        List<Replica> canaries = store.liveReplicas(d.id()).stream().filter(r -> r.track() == Track.CANARY).toList();
        if (!canaries.isEmpty()) {
            lifecycle.stopReplicas(canaries, message).forEach(executor()::terminate);
        }
    }

    /**
     * The canary version becomes the stable one: its replica moves to the stable track, the old
     * stable replicas stop, and new replicas of the new version start until the desired count runs.
     */
    public Deployment promoteCanary(String serviceId) {
        InferenceExecutor executor = executor();
        List<Replica> old = lifecycle.promoteCanary(serviceId);
        old.forEach(executor::terminate);
        Deployment d = store.findById(serviceId).orElseThrow();
        long stable = store.liveReplicas(serviceId).stream().filter(r -> r.track() == Track.STABLE).count();
        if (d.status().live() && stable < d.replicas()) {
            String artifact = models.store().version(d.modelId(), number(d.modelVersion()))
                    .map(ModelVersion::artifactUri).orElse(null);
            lifecycle.addReplicas(serviceId, new DeploymentLifecycle.ReplicaPlan(Track.STABLE, d.modelVersion(), artifact,
                    d.profile(), (int) (d.replicas() - stable))).forEach(r -> executor.start(d, r));
        }
        lifecycle.settle(serviceId);
        return store.findById(serviceId).orElseThrow();
    }

    /** Stops every replica of a live service → {@code stopped}; CONFLICT for one that already ended. */
    public Deployment stop(Scope scope, String ref) {
        Deployment d = require(scope, ref, "/service");
        requireLive(d, "stopped again");
        InferenceExecutor executor = executor();
        lifecycle.stopService(d.id(), "stopped by inference_stop").forEach(executor::terminate);
        return store.findById(d.id()).orElseThrow();
    }

    /** A ready replica's base URL for the track, if any (the first by ordinal). */
    public Optional<Replica> readyReplica(String serviceId, Track track) {
        return store.readyReplicas(serviceId).stream().filter(r -> r.track() == track).findFirst();
    }

    static int number(String version) {
        return Integer.parseInt(version.replaceFirst("^v", ""));
    }
}
