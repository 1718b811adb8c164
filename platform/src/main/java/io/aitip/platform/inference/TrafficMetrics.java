package io.aitip.platform.inference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * What the router saw, per service and model version: requests, errors (5xx and unreachable
 * replicas) and latency percentiles. Kept in memory by the server process that routed the requests,
 * since it started ({@link #since()}).
 */
@Component
public class TrafficMetrics {

    private final Instant since = Instant.now();
    private final Map<String, Map<String, VersionStats>> services = new ConcurrentHashMap<>();

    private static final class VersionStats {
        final AtomicLong errors = new AtomicLong();
        final LatencyHistogram latency = new LatencyHistogram();
    }

    /** One version's figures. */
    public record VersionFigures(String version, long requests, long errors, Latency latencyMs) {
    }

    public record Latency(Double p50, Double p95, Double p99) {
    }

    public void record(String serviceId, String version, long nanos, boolean error) {
        VersionStats stats = services.computeIfAbsent(serviceId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new VersionStats());
        if (error) {
            stats.errors.incrementAndGet();
        }
        stats.latency.record(nanos);
    }

    /** Every version the service's router served, oldest version first. */
    public List<VersionFigures> figures(String serviceId) {
        List<VersionFigures> out = new ArrayList<>();
        services.getOrDefault(serviceId, Map.of()).forEach((version, s) -> out.add(new VersionFigures(version,
                s.latency.count(), s.errors.get(), latency(s.latency))));
        out.sort(Comparator.comparing(VersionFigures::version, Comparator.comparingInt(TrafficMetrics::number)));
        return out;
    }

    /** The figures of all versions together. */
    public VersionFigures total(String serviceId) {
        LatencyHistogram all = new LatencyHistogram();
        long errors = 0;
        for (VersionStats s : services.getOrDefault(serviceId, Map.of()).values()) {
            all.addAll(s.latency);
            errors += s.errors.get();
        }
        return new VersionFigures(null, all.count(), errors, latency(all));
    }

    private static Latency latency(LatencyHistogram h) {
        return new Latency(h.percentile(0.50), h.percentile(0.95), h.percentile(0.99));
    }

    public Instant since() {
        return since;
    }

    private static int number(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("^v", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
