package io.aitip.platform.releases;

import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.Deployments;
import io.aitip.platform.inference.ReplicaStatus;
import io.aitip.platform.inference.SafetyProfile;
import io.aitip.platform.inference.ServiceStatus;
import io.aitip.platform.inference.Track;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Release rules the tools share. A release moves its service's traffic through the inference
 * canary ({@link Deployments#canary}); the last stage (100 %) makes the new version the stable one
 * ({@link Deployments#promoteCanary}) once its replica answers, so traffic never lands on nothing.
 * Every check runs before the first change; each status change is audited by {@link ReleaseStore}.
 */
@Service
public class Releases {

    private final ReleaseStore store;
    private final Deployments deployments;
    private final Duration switchTimeout;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Autowired
    public Releases(ReleaseStore store, Deployments deployments,
                    @Value("${aitip.releases.switch-timeout-seconds:120}") long switchTimeoutSeconds) {
        this(store, deployments, Duration.ofSeconds(switchTimeoutSeconds));
    }

    public Releases(ReleaseStore store, Deployments deployments, Duration switchTimeout) {
        this.store = store;
        this.deployments = deployments;
        this.switchTimeout = switchTimeout;
    }

    public ReleaseStore store() {
        return store;
    }

    public Release require(Scope scope, String ref) {
        return store.find(scope, ref).orElseThrow(() -> new ToolException(ToolError.at(ErrorCode.NOT_FOUND, "Release '"
                + ref + "' was not found. Check the id with release_list.", "/release_id")));
    }

    public ReleaseView view(Release r) {
        String serviceName = deployments.store().findById(r.serviceId()).map(Deployment::name).orElse(null);
        return ReleaseView.of(r, serviceName, store.events(r.id(), 50));
    }

    public ReleaseView view(Scope scope, String id) {
        return view(require(scope, id));
    }

    public Release create(Scope scope, ReleaseCreateTool.Input in) {
        Deployments.ResolvedVersion resolved = deployments.resolveVersion(scope, in.model(), in.modelVersion(), "/model",
                "/model_version");
        Deployment service = service(scope, in.service(), resolved);
        String version = resolved.version().version();
        if (version.equals(service.modelVersion())) {
            throw ToolException.invalid("/model_version", service.name() + " already serves " + version + " as its "
                    + "stable version; release another version.");
        }
        if (service.status() != ServiceStatus.READY) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Inference service " + service.name() + " is "
                    + service.status().wire() + "; a release needs a ready service.", "/service"));
        }
        store.openFor(service.id()).ifPresent(open -> {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Release " + open.id() + " is already "
                    + open.status().wire() + " on " + service.name() + ". Finish it (release_promote) or roll it back "
                    + "(release_rollback) first.", "/service"));
        });
        ReleaseStrategy strategy = in.strategy() == null ? ReleaseStrategy.CANARY : in.strategy();
        List<Integer> stages = in.stages() == null || in.stages().isEmpty()
                ? strategy.defaultStages(service.replicas()) : stages(strategy, in.stages());
        String profile = in.profile() == null ? null : in.profile().wire();
        if (profile != null && service.runtime() != io.aitip.platform.inference.InferenceRuntime.BUILTIN) {
            throw ToolException.invalid("/profile", "profile applies to the builtin runtime only; " + service.name()
                    + " runs " + service.runtime().wire() + ". Leave profile out.");
        }
        String name = in.name() != null ? in.name().trim() : resolved.model().name() + "-" + version;
        Release r = new Release(Ids.next("rel"), scope.orgId(), scope.projectId(), scope.userId(), name, in.description(),
                resolved.model().id(), resolved.model().name(), version, profile, service.id(), service.modelVersion(),
                service.profile(), strategy, stages, -1, 0, ReleaseStatus.DRAFT, null, null, null, null, null, null,
                null, null);
        try {
            store.create(r);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            throw new ToolException(ToolError.at(ErrorCode.CONFLICT, "Another release was just opened on "
                    + service.name() + ". See release_list.", "/service"));
        }
        return store.find(scope, r.id()).orElseThrow();
    }

    /** The linked service: the one named, or the project's only ready service of the model. */
    private Deployment service(Scope scope, String ref, Deployments.ResolvedVersion resolved) {
        if (ref != null && !ref.isBlank()) {
            Deployment d = deployments.require(scope, ref, "/service");
            if (!d.modelId().equals(resolved.model().id())) {
                throw ToolException.invalid("/service", d.name() + " serves model " + d.modelName() + ", not "
                        + resolved.model().name() + ". Name a service of " + resolved.model().name() + ".");
            }
            return d;
        }
        List<Deployment> candidates = deployments.store().list(scope, ServiceStatus.READY, 200, null).stream()
                .filter(d -> d.modelId().equals(resolved.model().id())).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw ToolException.invalid("/service", candidates.isEmpty()
                ? "No ready inference service serves " + resolved.model().name() + ". Deploy it first with "
                + "inference_deploy, then create the release with service set."
                : "Several services serve " + resolved.model().name() + " (" + String.join(", ",
                candidates.stream().map(Deployment::name).toList()) + "); say which with service.");
    }

    /** Stages as given: each 1–100, strictly increasing, ending in 100; blue-green switches at once. */
    static List<Integer> stages(ReleaseStrategy strategy, List<Integer> stages) {
        for (int i = 0; i < stages.size(); i++) {
            Integer s = stages.get(i);
            if (s == null || s < 1 || s > 100) {
                throw ToolException.invalid("/stages/" + i, "Each stage is a traffic percent from 1 to 100, got " + s + ".");
            }
            if (i > 0 && s <= stages.get(i - 1)) {
                throw ToolException.invalid("/stages/" + i, "Stages must increase: " + s + " follows " + stages.get(i - 1)
                        + ". For example [5, 20, 50, 100].");
            }
        }
        if (stages.get(stages.size() - 1) != 100) {
            throw ToolException.invalid("/stages/" + (stages.size() - 1), "The last stage must be 100 (all traffic on the "
                    + "new version), got " + stages.get(stages.size() - 1) + ".");
        }
        if (strategy == ReleaseStrategy.BLUE_GREEN && stages.size() != 1) {
            throw ToolException.invalid("/stages", "A blue-green release switches all traffic at once: leave stages out "
                    + "(or pass [100]), or use strategy canary for steps.");
        }
        return List.copyOf(stages);
    }

    public Release approve(Scope scope, String ref, String comment) {
        Release r = require(scope, ref);
        if (r.status() != ReleaseStatus.PENDING_APPROVAL) {
            throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " is " + r.status().wire()
                    + "; only a release pending approval can be approved.");
        }
        if (r.approvedBy() != null) {
            throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " was already approved by " + r.approvedBy()
                    + " at " + r.approvedAt() + ". Call release_promote.");
        }
        if (r.createdBy().equals(scope.userId())) {
            throw new ToolException(ErrorCode.PERMISSION_DENIED, "You created release " + r.id() + ", so you cannot "
                    + "approve it: another member of the project must call release_approve.");
        }
        if (!store.approve(r.id(), scope.userId(), comment)) {
            throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " changed meanwhile; see release_get.");
        }
        return store.find(scope, r.id()).orElseThrow();
    }

    public Release promote(ToolContext context, String ref) {
        Scope scope = Scope.of(context);
        Release r = require(scope, ref);
        ReentrantLock lock = locks.computeIfAbsent(r.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            r = require(scope, r.id());
            switch (r.status()) {
                case PRODUCTION, ROLLED_BACK -> throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " is "
                        + r.status().wire() + "; there is no further stage.");
                case DRAFT, PENDING_APPROVAL -> {
                    if (r.approvedBy() == null) {
                        throw new ToolException(ErrorCode.APPROVAL_REQUIRED, "Release " + r.id() + " is not approved: "
                                + "another member of the project (not its creator) must call release_approve first. "
                                + "No traffic was moved.");
                    }
                }
                default -> { }
            }
            Deployment service = liveService(scope, r);
            int stage = r.currentStage() + 1;
            int percent = r.stages().get(stage);
            SafetyProfile profile = r.profile() == null ? null : SafetyProfile.parse(r.profile());
            if (percent < 100) {
                deployments.canary(scope, service.id(), r.modelVersion(), percent, profile);
                moved(store.promote(r, ReleaseStatus.CANARY, stage, percent, scope.userId()), r);
            } else {
                switchTo(context, service, r.modelVersion(), profile, r.trafficPercent());
                moved(store.promote(r, ReleaseStatus.PRODUCTION, stage, 100, scope.userId()), r);
            }
            return store.find(scope, r.id()).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    public Release rollback(ToolContext context, String ref, String reason) {
        Scope scope = Scope.of(context);
        Release r = require(scope, ref);
        ReentrantLock lock = locks.computeIfAbsent(r.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            r = require(scope, r.id());
            if (r.status() == ReleaseStatus.ROLLED_BACK) {
                throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " was already rolled back at "
                        + r.rolledBackAt() + ".");
            }
            Deployment service = deployments.store().findById(r.serviceId()).orElse(null);
            boolean live = service != null && service.status().live();
            if (live && r.status() == ReleaseStatus.CANARY && r.modelVersion().equals(service.canaryVersion())) {
                deployments.canary(scope, service.id(), r.modelVersion(), 0, null);
            } else if (live && r.status() == ReleaseStatus.PRODUCTION && r.modelVersion().equals(service.modelVersion())) {
                SafetyProfile previous = r.previousProfile() == null ? null : SafetyProfile.parse(r.previousProfile());
                switchTo(context, service, r.previousVersion(), previous, 0);
            }
            moved(store.rollBack(r, scope.userId(), reason, 0), r);
            return store.find(scope, r.id()).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    private Deployment liveService(Scope scope, Release r) {
        Deployment service = deployments.store().findById(r.serviceId()).orElseThrow();
        if (!service.status().live()) {
            throw new ToolException(ErrorCode.CONFLICT, "Inference service " + service.name() + " of release " + r.id()
                    + " is " + service.status().wire() + ". Roll the release back with release_rollback.");
        }
        return service;
    }

    /**
     * Makes {@code version} the service's stable version: all traffic to it as a canary, then, once
     * its replica answers, the switch. If it does not answer in time the canary goes back to
     * {@code restorePercent} and UNAVAILABLE says so.
     */
    private void switchTo(ToolContext context, Deployment service, String version, SafetyProfile profile,
                          int restorePercent) {
        Scope scope = Scope.of(context);
        deployments.canary(scope, service.id(), version, 100, profile);
        long deadline = System.nanoTime() + switchTimeout.toNanos();
        while (!canaryReady(service.id())) {
            if (System.nanoTime() > deadline) {
                deployments.canary(scope, service.id(), version, restorePercent, profile);
                throw new ToolException(ErrorCode.UNAVAILABLE, "The " + version + " replica of " + service.name()
                        + " did not become ready within " + switchTimeout.toSeconds() + " s, so traffic stays where it "
                        + "was. See inference_get for the replica's status, then try again.");
            }
            context.checkCancelled();
            context.progress(0, null, "waiting for the " + version + " replica of " + service.name() + " to answer");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException(ErrorCode.UNAVAILABLE, "Interrupted while waiting for " + version + ".");
            }
        }
        deployments.promoteCanary(service.id());
    }

    private boolean canaryReady(String serviceId) {
        return deployments.store().liveReplicas(serviceId).stream()
                .anyMatch(r -> r.track() == Track.CANARY && r.status() == ReplicaStatus.READY);
    }

    private static void moved(boolean moved, Release r) {
        if (!moved) {
            throw new ToolException(ErrorCode.CONFLICT, "Release " + r.id() + " changed meanwhile; see release_get.");
        }
    }
}
