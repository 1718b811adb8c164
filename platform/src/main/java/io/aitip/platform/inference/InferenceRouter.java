package io.aitip.platform.inference;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The AITIP router behind each service's OpenAI-compatible endpoint: picks the stable or the
 * canary version by the service's traffic split, a ready replica of it round-robin, forwards the
 * request, and records the outcome per version in {@link TrafficMetrics}.
 *
 * <p>The split is deterministic: of every 100 consecutive requests to a service exactly
 * {@code canary_percent} go to the canary (spread evenly), so the observed split matches the
 * configured one instead of drifting around it. When the chosen version has no ready replica
 * (a canary still starting), the request goes to the other version.
 */
@Component
public class InferenceRouter {

    /** Paths a service's base URL serves. */
    public static final List<String> PATHS = List.of("/chat/completions", "/models");

    private final DeploymentStore store;
    private final TrafficMetrics metrics;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, AtomicLong> splitCounters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> roundRobin = new ConcurrentHashMap<>();

    /** @param timeoutSeconds how long a replica may take to answer one request ({@code aitip.inference.request-timeout-seconds}) */
    @Autowired
    public InferenceRouter(DeploymentStore store, TrafficMetrics metrics,
                           @Value("${aitip.inference.request-timeout-seconds:120}") long timeoutSeconds) {
        this(store, metrics, Duration.ofSeconds(timeoutSeconds));
    }

    public InferenceRouter(DeploymentStore store, TrafficMetrics metrics, Duration timeout) {
        this.store = store;
        this.metrics = metrics;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The replica's answer, and which version and replica gave it. */
    public record Forwarded(int status, String contentType, byte[] body, String serviceId, String version,
                            String replicaId) {
    }

    /**
     * Forwards one request to the service. NOT_FOUND for an unknown service (or another tenant's),
     * CONFLICT for one that ended, UNAVAILABLE when no replica answers.
     */
    public Forwarded forward(Scope scope, String serviceRef, String method, String path, byte[] body, String contentType) {
        if (!PATHS.contains(path)) {
            throw new ToolException(ErrorCode.NOT_FOUND, "A service endpoint serves " + PATHS + " under /v1; '" + path
                    + "' is not one of them.");
        }
        Deployment d = store.find(scope, serviceRef).orElseThrow(() -> ToolException.notFound("Inference service",
                serviceRef, "Check the id or name with inference_list."));
        if (!d.status().live()) {
            throw new ToolException(ErrorCode.CONFLICT, "Inference service " + d.id() + " is " + d.status().wire()
                    + " and serves no requests. Deploy it again with inference_deploy.");
        }
        List<Replica> ready = store.readyReplicas(d.id());
        Track track = chooseTrack(d);
        List<Replica> pool = ready.stream().filter(r -> r.track() == track).toList();
        if (pool.isEmpty()) {
            pool = ready; // the chosen version has nothing ready yet: the other one serves
        }
        if (pool.isEmpty()) {
            throw new ToolException(ErrorCode.UNAVAILABLE, "Inference service " + d.id() + " has no ready replica yet ("
                    + d.statusMessage() + "). Wait until inference_get shows it ready, then call again.");
        }
        long turn = roundRobin.computeIfAbsent(d.id(), id -> new AtomicLong()).getAndIncrement();
        int first = (int) Math.floorMod(turn, (long) pool.size());
        long started = System.nanoTime();
        ToolException lastFailure = null;
        for (int attempt = 0; attempt < Math.min(2, pool.size()); attempt++) {
            Replica replica = pool.get((first + attempt) % pool.size());
            try {
                HttpResponse<byte[]> response = http.send(request(replica, method, path, body, contentType),
                        HttpResponse.BodyHandlers.ofByteArray());
                metrics.record(d.id(), replica.version(), System.nanoTime() - started, response.statusCode() >= 500);
                return new Forwarded(response.statusCode(), response.headers().firstValue("Content-Type")
                        .orElse("application/json"), response.body(), d.id(), replica.version(), replica.id());
            } catch (ConnectException e) {
                // the replica went away between the lookup and the call: try the next one once
                lastFailure = unreachable(d, replica, "refused the connection");
            } catch (HttpTimeoutException e) {
                lastFailure = unreachable(d, replica, "did not answer within " + timeout.toSeconds() + " s");
                break;
            } catch (IOException e) {
                lastFailure = unreachable(d, replica, "failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException(ErrorCode.UNAVAILABLE, "The request to " + d.id() + " was interrupted.");
            }
            metrics.record(d.id(), replica.version(), System.nanoTime() - started, true);
        }
        throw lastFailure;
    }

    /** Canary for exactly {@code canary_percent} of every 100 consecutive requests, spread evenly. */
    Track chooseTrack(Deployment d) {
        int percent = d.hasCanary() ? d.canaryPercent() : 0;
        if (percent <= 0) {
            return Track.STABLE;
        }
        if (percent >= 100) {
            return Track.CANARY;
        }
        long n = splitCounters.computeIfAbsent(d.id(), id -> new AtomicLong()).getAndIncrement() % 100;
        return (n + 1) * percent / 100 > n * percent / 100 ? Track.CANARY : Track.STABLE;
    }

    private HttpRequest request(Replica replica, String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/v1" + path)).timeout(timeout);
        if ("POST".equals(method)) {
            b.header("Content-Type", contentType == null ? "application/json" : contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : body));
        } else {
            b.GET();
        }
        return b.build();
    }

    private static ToolException unreachable(Deployment d, Replica replica, String what) {
        return new ToolException(ErrorCode.UNAVAILABLE, "Replica " + replica.id() + " of " + d.id() + " " + what
                + ". The supervisor restarts crashed replicas; see inference_get, and try again.");
    }
}
