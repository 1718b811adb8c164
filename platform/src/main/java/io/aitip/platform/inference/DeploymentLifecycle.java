package io.aitip.platform.inference;

import io.aitip.platform.webhooks.WebhookEvents;
import io.aitip.platform.webhooks.WebhookOutbox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of service and replica status. Every move is a conditional update from the
 * states it may leave, so concurrent writers (a tool and the executor's supervisor) never skip or
 * undo a state. After a replica changes, {@link #settle} recomputes the service's status under a
 * row lock: {@code deploying → ready} once every stable replica answers (with the
 * {@code deployment.ready} webhook event in the same transaction), {@code → failed} when a stable
 * replica failed while deploying or none is left.
 */
@Component
public class DeploymentLifecycle {

    private static final String LIVE = "('starting', 'ready')";

    private final JdbcTemplate jdbc;
    private final WebhookOutbox outbox;
    private final TransactionTemplate tx;

    /** Without webhook events (tests). */
    public DeploymentLifecycle(JdbcTemplate jdbc) {
        this(jdbc, (WebhookOutbox) null);
    }

    @Autowired
    public DeploymentLifecycle(JdbcTemplate jdbc, ObjectProvider<WebhookOutbox> outbox) {
        this(jdbc, outbox.getIfAvailable());
    }

    public DeploymentLifecycle(JdbcTemplate jdbc, WebhookOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** What a new set of replicas runs. */
    public record ReplicaPlan(Track track, String version, String artifactUri, String profile, int count) {
    }

    /** Stores a new service in {@code deploying} with its first stable replicas, in one transaction. */
    public List<Replica> create(Deployment d, String artifactUri) {
        return tx.execute(s -> {
            new DeploymentStore(jdbc).insert(jdbc, d);
            return insertReplicas(d.id(), new ReplicaPlan(Track.STABLE, d.modelVersion(), artifactUri, d.profile(),
                    d.replicas()));
        });
    }

    /** Adds replicas to a live service; empty when the service is no longer live. */
    public List<Replica> addReplicas(String serviceId, ReplicaPlan plan) {
        return tx.execute(s -> lockLive(serviceId) ? insertReplicas(serviceId, plan) : List.of());
    }

    private List<Replica> insertReplicas(String serviceId, ReplicaPlan plan) {
        DeploymentStore store = new DeploymentStore(jdbc);
        List<Replica> out = new ArrayList<>();
        for (int i = 0; i < plan.count(); i++) {
            out.add(store.insertReplica(jdbc, serviceId, plan.track(), plan.version(), plan.artifactUri(), plan.profile()));
        }
        return out;
    }

    /** Records the process of a starting replica (it is not answering yet). */
    public boolean replicaLaunched(String replicaId, long pid, Instant startedAt, String workDir, String gpus,
                                   Integer port, String message) {
        return jdbc.update("UPDATE inference_replicas SET pid = ?, pid_started_at = ?, work_dir = ?, assigned_gpus = ?, "
                        + "port = ?, status_message = ?, started_at = now(), updated_at = now() "
                        + "WHERE id = ? AND status = 'starting'", pid, startedAt == null ? null : Timestamp.from(startedAt),
                workDir, gpus, port, message, replicaId) == 1;
    }

    /** {@code starting → ready}: the replica answers on {@code port}. Returns false if it was stopped meanwhile. */
    public boolean replicaReady(String replicaId, int port) {
        boolean moved = jdbc.update("UPDATE inference_replicas SET status = 'ready', port = ?, ready_at = now(), "
                + "status_message = 'serving', updated_at = now() WHERE id = ? AND status = 'starting'", port, replicaId) == 1;
        if (moved) {
            settle(serviceOf(replicaId));
        }
        return moved;
    }

    /**
     * Says why a {@code starting} replica is not ready yet (a cluster pod's CrashLoopBackOff, OOMKilled
     * or unschedulable reason), without moving it. Returns false when the message was already there
     * or the replica is no longer starting.
     */
    public boolean replicaWaiting(String replicaId, String message) {
        return jdbc.update("UPDATE inference_replicas SET status_message = ?, updated_at = now() WHERE id = ? "
                + "AND status = 'starting' AND status_message IS DISTINCT FROM ?", message, replicaId, message) == 1;
    }

    /** A live replica whose process died goes back to {@code starting} for its supervisor to start again. */
    public boolean replicaRestarting(String replicaId, String message) {
        return jdbc.update("UPDATE inference_replicas SET status = 'starting', restarts = restarts + 1, pid = NULL, "
                + "pid_started_at = NULL, port = NULL, ready_at = NULL, status_message = ?, updated_at = now() "
                + "WHERE id = ? AND status IN " + LIVE, message, replicaId) == 1;
    }

    /**
     * A live replica ends ({@code stopped} or {@code failed}); the service is settled. Returns the
     * service's status afterwards (so the caller can stop the rest of a service that just failed).
     */
    public ServiceStatus replicaEnded(String replicaId, ReplicaStatus to, String message) {
        if (to.live()) {
            throw new IllegalArgumentException("a replica ends as stopped or failed, not " + to.wire());
        }
        jdbc.update("UPDATE inference_replicas SET status = ?, status_message = ?, ended_at = now(), updated_at = now() "
                + "WHERE id = ? AND status IN " + LIVE, to.wire(), message, replicaId);
        return settle(serviceOf(replicaId));
    }

    /** Marks these replicas stopped (those still live); returns the ones this call stopped. */
    public List<Replica> stopReplicas(List<Replica> replicas, String message) {
        List<Replica> stopped = new ArrayList<>();
        for (Replica r : replicas) {
            if (jdbc.update("UPDATE inference_replicas SET status = 'stopped', status_message = ?, ended_at = now(), "
                    + "updated_at = now() WHERE id = ? AND status IN " + LIVE, message, r.id()) == 1) {
                stopped.add(r);
            }
        }
        return stopped;
    }

    /**
     * {@code deploying | ready → stopped} with every live replica, in one transaction. Returns the
     * replicas whose processes the caller must now terminate; empty (and nothing changed) when the
     * service had already ended.
     */
    public List<Replica> stopService(String serviceId, String message) {
        return tx.execute(s -> {
            if (!lockLive(serviceId)) {
                return List.<Replica>of();
            }
            List<Replica> live = new DeploymentStore(jdbc).liveReplicas(serviceId);
            jdbc.update("UPDATE inference_services SET status = 'stopped', status_message = ?, ended_at = now(), "
                    + "updated_at = now() WHERE id = ?", message, serviceId);
            jdbc.update("UPDATE inference_replicas SET status = 'stopped', status_message = ?, ended_at = now(), "
                    + "updated_at = now() WHERE service_id = ? AND status IN " + LIVE, message, serviceId);
            return live;
        });
    }

    /** Sets the desired number of stable replicas of a live service; false when it is no longer live. */
    public boolean setReplicas(String serviceId, int replicas) {
        return jdbc.update("UPDATE inference_services SET replicas = ?, updated_at = now() WHERE id = ? "
                + "AND status IN ('deploying', 'ready')", replicas, serviceId) == 1;
    }

    /** Sets (or with a null version clears) the canary of a live service. */
    public boolean setCanary(String serviceId, String version, String profile, int percent) {
        return jdbc.update("UPDATE inference_services SET canary_version = ?, canary_profile = ?, canary_percent = ?, "
                        + "updated_at = now() WHERE id = ? AND status IN ('deploying', 'ready')",
                version, version == null ? null : profile, version == null ? 0 : percent, serviceId) == 1;
    }

    /**
     * The canary becomes the stable version: its replicas move to the stable track and the old
     * stable replicas are marked stopped, in one transaction. Returns the old stable replicas (to
     * terminate); empty when there was no canary or the service is not live.
     */
    public List<Replica> promoteCanary(String serviceId) {
        return tx.execute(s -> {
            if (!lockLive(serviceId)) {
                return List.<Replica>of();
            }
            Map<String, Object> row = jdbc.queryForMap("SELECT canary_version, canary_profile FROM inference_services "
                    + "WHERE id = ?", serviceId);
            if (row.get("canary_version") == null) {
                return List.<Replica>of();
            }
            List<Replica> oldStable = new DeploymentStore(jdbc).liveReplicas(serviceId).stream()
                    .filter(r -> r.track() == Track.STABLE).toList();
            jdbc.update("UPDATE inference_services SET model_version = canary_version, profile = canary_profile, "
                    + "canary_version = NULL, canary_profile = NULL, canary_percent = 0, updated_at = now() "
                    + "WHERE id = ?", serviceId);
            jdbc.update("UPDATE inference_replicas SET track = 'stable', updated_at = now() WHERE service_id = ? "
                    + "AND track = 'canary' AND status IN " + LIVE, serviceId);
            String message = "replaced by " + row.get("canary_version");
            jdbc.update("UPDATE inference_replicas SET status = 'stopped', status_message = ?, ended_at = now(), "
                    + "updated_at = now() WHERE id = ANY(?)", message,
                    oldStable.stream().map(Replica::id).toArray(String[]::new));
            return oldStable;
        });
    }

    /**
     * Recomputes the service's status from its replicas under a row lock, and returns it. Writes
     * {@code deployment.ready} with the move to {@code ready}.
     */
    public ServiceStatus settle(String serviceId) {
        return tx.execute(s -> {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT status, replicas FROM inference_services "
                    + "WHERE id = ? FOR UPDATE", serviceId);
            if (rows.isEmpty()) {
                return ServiceStatus.FAILED;
            }
            ServiceStatus status = ServiceStatus.parse((String) rows.get(0).get("status"));
            int desired = ((Number) rows.get(0).get("replicas")).intValue();
            if (!status.live()) {
                return status;
            }
            List<Replica> stable = new DeploymentStore(jdbc).replicas(serviceId).stream()
                    .filter(r -> r.track() == Track.STABLE).toList();
            long live = stable.stream().filter(r -> r.status().live()).count();
            long ready = stable.stream().filter(r -> r.status() == ReplicaStatus.READY).count();
            Replica failed = stable.stream().filter(r -> r.status() == ReplicaStatus.FAILED).findFirst().orElse(null);
            String progress = ready + "/" + desired + " replica" + (desired == 1 ? "" : "s") + " ready";
            if (status == ServiceStatus.DEPLOYING && failed != null) {
                return end(serviceId, ServiceStatus.FAILED, "replica " + failed.id() + " failed: " + failed.statusMessage());
            }
            if (live == 0) {
                return end(serviceId, ServiceStatus.FAILED, "no replica left"
                        + (failed == null ? "" : "; last failure: " + failed.id() + ": " + failed.statusMessage()));
            }
            if (status == ServiceStatus.DEPLOYING && ready >= desired) {
                jdbc.update("UPDATE inference_services SET status = 'ready', status_message = ?, ready_at = now(), "
                        + "updated_at = now() WHERE id = ?", progress, serviceId);
                if (outbox != null) {
                    publishReady(serviceId);
                }
                return ServiceStatus.READY;
            }
            jdbc.update("UPDATE inference_services SET status_message = ?, updated_at = now() WHERE id = ?",
                    (status == ServiceStatus.DEPLOYING ? "deploying: " : "") + progress, serviceId);
            return status;
        });
    }

    private ServiceStatus end(String serviceId, ServiceStatus to, String message) {
        jdbc.update("UPDATE inference_services SET status = ?, status_message = ?, ended_at = now(), updated_at = now() "
                + "WHERE id = ?", to.wire(), message, serviceId);
        return to;
    }

    private boolean lockLive(String serviceId) {
        return !jdbc.queryForList("SELECT 1 FROM inference_services WHERE id = ? AND status IN ('deploying', 'ready') "
                + "FOR UPDATE", serviceId).isEmpty();
    }

    private String serviceOf(String replicaId) {
        return jdbc.queryForObject("SELECT service_id FROM inference_replicas WHERE id = ?", String.class, replicaId);
    }

    private void publishReady(String serviceId) {
        Deployment d = new DeploymentStore(jdbc).findById(serviceId).orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("service_id", d.id());
        data.put("name", d.name());
        data.put("model", d.modelName());
        data.put("model_version", d.modelVersion());
        data.put("runtime", d.runtime().wire());
        data.put("replicas", d.replicas());
        data.put("endpoint", DeploymentView.routerBase(d.id()) + "/chat/completions");
        data.put("org_id", d.orgId());
        data.put("project_id", d.projectId());
        outbox.publish(jdbc, d.orgId(), "deployment.ready",
                WebhookEvents.envelope("deployment.ready", d.readyAt() == null ? Instant.now() : d.readyAt(), data), null);
    }
}
