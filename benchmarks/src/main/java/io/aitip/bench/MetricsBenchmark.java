package io.aitip.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric ingestion and read-back against a running AITIP server, over its real HTTP API:
 * <ol>
 *   <li>batch ingestion: {@code runs} runs × {@code points} points of {@code loss} through MLflow
 *       {@code runs/log-batch} (1000 points a call, the MLflow maximum) from {@code clients} concurrent
 *       clients → points/s;</li>
 *   <li>single-point ingestion: {@code runs/log-metric}, one point a call, for a few seconds → points/s;</li>
 *   <li>{@code experiment_compare} of those runs on {@code loss} through {@code /api/v1/agent/execute}
 *       (the whole tool pipeline), repeated → p50/p99/max ms;</li>
 *   <li>one run of {@code long-points} points: {@code runs/get} (latest values) and the whole
 *       history ({@code metrics/get-history}) → ms.</li>
 * </ol>
 * Usage: {@code MetricsBenchmark --url http://127.0.0.1:8080 --token T [--runs 10] [--points 10000]
 * [--clients 4] [--compare-iterations 50] [--warmup-calls 100] [--long-points 100000] [--json-out FILE]}
 */
public final class MetricsBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Unmeasured calls before each latency measurement, for the server's JIT. */
    int warmup = 100;

    MetricsBenchmark(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        MetricsBenchmark bench = new MetricsBenchmark(opt.getOrDefault("url", "http://127.0.0.1:8080"),
                opt.getOrDefault("token", System.getenv("AITIP_TOKEN")));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "10"));
        int points = Integer.parseInt(opt.getOrDefault("points", "10000"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", "4"));
        int iterations = Integer.parseInt(opt.getOrDefault("compare-iterations", "50"));
        int longPoints = Integer.parseInt(opt.getOrDefault("long-points", "100000"));
        bench.warmup = Integer.parseInt(opt.getOrDefault("warmup-calls", "100"));
        Map<String, Object> report = bench.run(runs, points, clients, iterations, longPoints);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        if (opt.containsKey("json-out")) {
            Path out = Path.of(opt.get("json-out"));
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, json);
        }
    }

    Map<String, Object> run(int runs, int points, int clients, int iterations, int longPoints) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        String experiment = post("/api/2.0/mlflow/experiments/create", JSON.createObjectNode()
                .put("name", "bench-" + Long.toHexString(System.nanoTime()))).path("experiment_id").asString();
        List<String> runIds = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            runIds.add(post("/api/2.0/mlflow/runs/create", JSON.createObjectNode().put("experiment_id", experiment)
                    .put("run_name", "bench-run-" + r)).path("run").path("info").path("run_id").asString());
        }

        // 1. batch ingestion from concurrent clients, a run's batches in order
        List<ObjectNode> batches = new ArrayList<>();
        for (String runId : runIds) {
            for (int from = 0; from < points; from += 1000) {
                batches.add(batch(runId, from, Math.min(points, from + 1000)));
            }
        }
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < batches.size()) {
                        post("/api/2.0/mlflow/runs/log-batch", batches.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double batchSeconds = (System.nanoTime() - started) / 1e9;
        long total = (long) runs * points;
        report.put("batch_ingestion", Map.of("points", total, "clients", clients, "points_per_call", 1000,
                "seconds", round(batchSeconds), "points_per_second", Math.round(total / batchSeconds)));
        System.out.printf(Locale.ROOT, "batch ingestion (log-batch, 1000 points/call, %d clients): %,d points in %.2f s = %,.0f points/s%n",
                clients, total, batchSeconds, total / batchSeconds);

        // 2. one point per call, one client, 5 s
        String single = runIds.get(0);
        for (int i = 0; i < warmup; i++) {
            post("/api/2.0/mlflow/runs/log-metric", JSON.createObjectNode().put("run_id", single).put("key", "warmup")
                    .put("value", i).put("timestamp", System.currentTimeMillis()).put("step", i));
        }
        long singleStart = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - singleStart < 5_000_000_000L) {
            post("/api/2.0/mlflow/runs/log-metric", JSON.createObjectNode().put("run_id", single).put("key", "single")
                    .put("value", calls * 0.5).put("timestamp", System.currentTimeMillis()).put("step", calls));
            calls++;
        }
        double singleSeconds = (System.nanoTime() - singleStart) / 1e9;
        report.put("single_point_ingestion", Map.of("calls", calls, "seconds", round(singleSeconds),
                "points_per_second", Math.round(calls / singleSeconds)));
        System.out.printf(Locale.ROOT, "single-point ingestion (log-metric, 1 client): %,.0f points/s%n", calls / singleSeconds);

        // 3. experiment_compare of the runs on loss, through the whole pipeline
        ObjectNode compare = JSON.createObjectNode().put("tool", "experiment_compare");
        ObjectNode params = compare.putObject("params");
        ArrayNode list = params.putArray("runs");
        runIds.forEach(list::add);
        params.put("metric", "loss");
        for (int i = 0; i < warmup; i++) {
            check(post("/api/v1/agent/execute", compare));
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            check(post("/api/v1/agent/execute", compare));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        Map<String, Object> latency = Map.of("runs", runs, "points_per_run", points, "iterations", iterations,
                "p50_ms", round(ms[iterations / 2]), "p99_ms", round(ms[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)]),
                "max_ms", round(ms[iterations - 1]));
        report.put("experiment_compare", latency);
        System.out.printf(Locale.ROOT, "experiment_compare (%d runs x %,d points, metric loss, 200 history points each): "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d calls%n", runs, points, ms[iterations / 2],
                ms[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.99) - 1)], ms[iterations - 1], iterations);

        // 4. one long run: latest values and the whole history
        String longRun = post("/api/2.0/mlflow/runs/create", JSON.createObjectNode().put("experiment_id", experiment)
                .put("run_name", "bench-long")).path("run").path("info").path("run_id").asString();
        for (int from = 0; from < longPoints; from += 1000) {
            post("/api/2.0/mlflow/runs/log-batch", batch(longRun, from, Math.min(longPoints, from + 1000)));
        }
        double getMs = Double.MAX_VALUE;
        double historyMs = Double.MAX_VALUE;
        double metricsMs = Double.MAX_VALUE;
        int read = 0;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            get("/api/2.0/mlflow/runs/get?run_id=" + longRun);
            getMs = Math.min(getMs, (System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            String history = raw("/api/2.0/mlflow/metrics/get-history?run_id=" + longRun + "&metric_key=loss&max_results="
                    + longPoints);
            historyMs = Math.min(historyMs, (System.nanoTime() - t) / 1e6);
            read = JSON.readTree(history).path("metrics").size();
            t = System.nanoTime();
            get("/api/v1/training/jobs/" + longRun + "/metrics");
            metricsMs = Math.min(metricsMs, (System.nanoTime() - t) / 1e6);
        }
        report.put("long_run", Map.of("points", longPoints, "points_read", read, "runs_get_ms", round(getMs),
                "get_history_all_points_ms", round(historyMs), "training_metrics_ms", round(metricsMs)));
        System.out.printf(Locale.ROOT, "one run of %,d points (best of 5): runs/get %.1f ms, metrics/get-history of all %,d "
                + "points %.1f ms, training_metrics (downsampled) %.1f ms%n", longPoints, getMs, read, historyMs, metricsMs);
        return report;
    }

    private static ObjectNode batch(String runId, int from, int to) {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode metrics = body.putArray("metrics");
        long now = System.currentTimeMillis();
        for (int step = from; step < to; step++) {
            metrics.addObject().put("key", "loss").put("value", 2.0 / (1 + step * 0.001) + (step % 7) * 0.001)
                    .put("timestamp", now).put("step", step);
        }
        return body;
    }

    private static void check(JsonNode reply) {
        if (!"succeeded".equals(reply.path("status").asString())) {
            throw new IllegalStateException("experiment_compare failed: " + reply);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The body as text, unparsed (so a long answer's time is the server's and the transfer's). */
    private String raw(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " → " + response.statusCode());
        }
        return response.body();
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + " → " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
