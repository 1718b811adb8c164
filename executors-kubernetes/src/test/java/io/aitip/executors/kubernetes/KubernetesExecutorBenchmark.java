package io.aitip.executors.kubernetes;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.contract.TrainingHarness;
import io.aitip.executors.kubernetes.testing.Props;
import io.aitip.executors.kubernetes.testing.SimulatedCluster;
import io.aitip.executors.kubernetes.testing.SimulatedKubelet.Mode;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.JobView;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (no thresholds; surefire's default includes skip it): submissions per
 * second into a SIMULATED cluster (fabric8 CRUD mock API server + simulated kubelet, on loopback)
 * through training_submit, and status-propagation latency from the moment the kubelet's Job status
 * write returns to the moment the store row moved. Run with {@code scripts/bench-kubernetes.sh};
 * figures go to stdout and {@code executors-kubernetes/target/k8s-bench.txt}.
 */
class KubernetesExecutorBenchmark {

    static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 100);
    static final int CONCURRENT = Integer.getInteger("bench.concurrent", 200);
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final TestToolContext ctx = TestToolContext.member("org-bench", "prj-bench");
    static final String NS = "aitip-prj-bench";

    final Map<String, Long> kubeletWrote = new ConcurrentHashMap<>();
    final Map<String, Long> storeMoved = new ConcurrentHashMap<>();
    final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        try (TestDatabase db = TestDatabase.create(); HikariDataSource pool = PooledTestDataSource.of(db);
             SimulatedCluster cluster = new SimulatedCluster(); KubernetesClient client = cluster.newClient()) {
            cluster.kubelet().mode(Mode.HOLD);
            cluster.kubelet().onJobStatus((key, phase) -> kubeletWrote.putIfAbsent(key.substring(key.indexOf('/') + 1)
                    + "/" + phase, System.nanoTime()));
            TrainingHarness h = new TrainingHarness(pool, stores -> new KubernetesExecutor(
                    Props.fast().logPoll(Duration.ofSeconds(5)).build(),
                    new Cluster(client, new ClusterCapabilities(client, "auto"), true), stores.jobs(),
                    timed(stores.jdbc()), stores.logs(), stores.jdbc(), "bench"));
            h.executor.recover();
            io.aitip.executors.kubernetes.testing.KubeServers.awaitReconciled(h);

            line("# Kubernetes executor benchmark (simulated cluster: fabric8 CRUD mock + simulated kubelet, loopback)");
            line("cores: %d, java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            submitWarmup(h);
            // the floor: the same Job created straight on the mock API server, without AITIP
            TrainingManifests manifests = new TrainingManifests(Props.fast().build());
            long b0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                io.aitip.platform.training.TrainingJob draft = io.aitip.platform.training.TrainingJob.draft(
                        "train-b" + String.format("%07d", i), "org-bench", "prj-base", "usr", "b", "m", null, null, null,
                        "python train.py", null, null, null, 0, null, null, "none", 1, null, 0, null);
                client.resource(manifests.build(draft, null, ClusterCapabilities.Found.none()).primary()).create();
            }
            double base = (System.nanoTime() - b0) / 1e9;
            line("baseline, Job POST to the mock API server alone: 100 in %.2f s = %.1f/s (%.1f ms each)", base,
                    100 / base, base * 10);
            List<String> sequential = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < SEQUENTIAL; i++) {
                sequential.add(submit(h, i));
            }
            double seqSeconds = (System.nanoTime() - t0) / 1e9;
            line("submit, 1 caller:  %d jobs in %.2f s = %.1f jobs/s (%.1f ms each)", SEQUENTIAL, seqSeconds,
                    SEQUENTIAL / seqSeconds, seqSeconds * 1000 / SEQUENTIAL);

            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            List<Future<String>> futures = new ArrayList<>();
            t0 = System.nanoTime();
            for (int i = 0; i < CONCURRENT; i++) {
                int n = SEQUENTIAL + i;
                futures.add(callers.submit(() -> submit(h, n)));
            }
            List<String> concurrent = new ArrayList<>();
            for (Future<String> f : futures) {
                concurrent.add(f.get());
            }
            double conSeconds = (System.nanoTime() - t0) / 1e9;
            callers.shutdown();
            line("submit, %d callers: %d jobs in %.2f s = %.1f jobs/s", THREADS, CONCURRENT, conSeconds,
                    CONCURRENT / conSeconds);

            List<String> all = new ArrayList<>(sequential);
            all.addAll(concurrent);
            awaitAll(all, JobStatus.RUNNING, Duration.ofMinutes(5));
            line("Job status Running → store running, %d jobs arriving in bursts: %s", all.size(),
                    latencies(all, "Running", JobStatus.RUNNING));

            // one job ending at a time: the idle path
            List<String> single = all.subList(0, 30);
            for (String id : single) {
                cluster.kubelet().finish(NS, id, 0);
                awaitAll(List.of(id), JobStatus.SUCCEEDED, Duration.ofSeconds(30));
            }
            line("Job status Complete → store succeeded, one at a time (%d jobs): %s", single.size(),
                    latencies(single, "Complete", JobStatus.SUCCEEDED));

            // everything else ends at once: the burst path
            List<String> burst = all.subList(30, all.size());
            burst.forEach(id -> cluster.kubelet().finish(NS, id, 0));
            awaitAll(burst, JobStatus.SUCCEEDED, Duration.ofMinutes(5));
            line("Job status Complete → store succeeded, %d jobs ending together: %s", burst.size(),
                    latencies(burst, "Complete", JobStatus.SUCCEEDED));
            h.close();
        }
        Path out = Path.of("target/k8s-bench.txt");
        Files.writeString(out, report);
        System.out.print(report);
    }

    private JobStateMachine timed(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new JobStateMachine(jdbc, new WebhookOutbox()) {
            @Override
            public boolean transition(String jobId, JobStatus from, JobStatus to, JobChange change) {
                boolean moved = super.transition(jobId, from, to, change);
                if (moved) {
                    storeMoved.put(jobId + "/" + to.wire(), System.nanoTime());
                }
                return moved;
            }
        };
    }

    private void submitWarmup(TrainingHarness h) throws Exception {
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            warm.add(submit(h, -1 - i));
        }
        awaitAll(warm, JobStatus.RUNNING, Duration.ofMinutes(2));
        line("(warm-up: 50 jobs submitted and running first)");
    }

    private static String submit(TrainingHarness h, int n) {
        return ((JobView) h.submit.call(ctx, new TrainingSubmitTool.Input("bench-" + n, "m", null, null,
                "python train.py", null, null, null, null, null, null, null, null))).jobId();
    }

    private void awaitAll(List<String> ids, JobStatus status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !ids.stream().allMatch(id -> storeMoved.containsKey(id + "/"
                + status.wire()))) {
            Thread.sleep(5);
        }
    }

    private String latencies(List<String> ids, String phase, JobStatus status) {
        List<Double> ms = new ArrayList<>();
        int missing = 0;
        for (String id : ids) {
            Long wrote = kubeletWrote.get(id + "/" + phase);
            Long moved = storeMoved.get(id + "/" + status.wire());
            if (wrote == null || moved == null) {
                missing++;
            } else {
                ms.add(Math.max(0, moved - wrote) / 1e6);
            }
        }
        Collections.sort(ms);
        if (ms.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d%s)", pct(ms, 50),
                pct(ms, 95), pct(ms, 99), ms.get(ms.size() - 1), ms.size(), missing == 0 ? "" : ", missing " + missing);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
