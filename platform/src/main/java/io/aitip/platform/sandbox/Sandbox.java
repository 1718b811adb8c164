package io.aitip.platform.sandbox;

import io.aitip.platform.support.BundledProgram;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs a probe (an evaluation's or a simulation's requests to one target) in its own OS process:
 * the JDK-only {@code sandbox/ProbeRunner.java} (a {@link BundledProgram}) under a small heap, with an empty environment (no server
 * settings or secrets), its own session, a working folder {@code <home>/sandbox/runs/<run_id>/}
 * and a deadline after which the whole process tree is killed. The process talks to the target
 * only (see ProbeRunner). The caller's cancellation kills it too.
 */
@Component
public class Sandbox implements ProbeExecutor {

    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> new File(path).canExecute()).findFirst();

    private final Path runs;
    private final BundledProgram program;
    private final Duration maxRun;
    private final Duration requestTimeout;
    private final int heapMb;

    @Autowired
    public Sandbox(@Value("${aitip.home:${user.home}/.aitip}") Path home,
                   @Value("${aitip.sandbox.max-run:PT10M}") Duration maxRun,
                   @Value("${aitip.sandbox.request-timeout:PT30S}") Duration requestTimeout,
                   @Value("${aitip.sandbox.heap-mb:64}") int heapMb) {
        this.runs = home.resolve("sandbox").resolve("runs");
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.program = new BundledProgram("/sandbox/ProbeRunner.java", "ProbeRunner",
                home.resolve("sandbox").resolve("probe"), javaBinary);
        this.maxRun = maxRun;
        this.requestTimeout = requestTimeout;
        this.heapMb = heapMb;
    }

    public Duration maxRun() {
        return maxRun;
    }

    /**
     * Sends every item to the target and returns one scored result per item, in order.
     *
     * @param items each {@code {"id", "messages": [...], "check": {...}}} (see ProbeRunner)
     * @throws ToolException UNAVAILABLE when the target cannot be reached (before {@code started}
     *                       is told, here once the target answered); {@link ProbeFailed} when the run broke off afterwards
     */
    @Override
    public List<JsonNode> run(ProbeRequest request, ToolContext context, Started started) {
        String runId = request.runId();
        ProbeTarget target = request.target();
        List<Map<String, Object>> items = request.items();
        Path dir = runs.resolve(runId);
        try {
            Files.createDirectories(dir);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("base_url", target.baseUrl().toString());
            spec.put("connect_host", target.connectHost());
            spec.put("request_timeout_ms", requestTimeout.toMillis());
            spec.put("deadline_ms", maxRun.toMillis());
            spec.put("max_answer_chars", 4000);
            spec.put("items", items);
            Files.writeString(dir.resolve("spec.json"), Json.write(spec), StandardCharsets.UTF_8);
            return execute(dir, target, items.size(), context, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox folder " + dir, e);
        } finally {
            try {
                BundledProgram.deleteTree(dir);
            } catch (IOException ignored) {
                // a leftover folder holds only this run's prompts; the next run uses a new id
            }
        }
    }

    private List<JsonNode> execute(Path dir, ProbeTarget target, int total, ToolContext context, Started started)
            throws IOException {
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add);
        argv.addAll(program.command(List.of("-Xmx" + heapMb + "m", "-Xss512k", "-XX:MaxMetaspaceSize=64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Dfile.encoding=UTF-8",
                "-Dstdout.encoding=UTF-8")));
        argv.addAll(List.of("spec.json", "results.jsonl"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectError(dir.resolve("runner.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear(); // nothing of the server's environment (database passwords, tokens)
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line.length() > 2000 ? line.substring(0, 2000) : line);
                }
            } catch (IOException ignored) {
                // the process ended or was killed; its exit status tells the rest
            }
        }, "probe-" + dir.getFileName());
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + maxRun.plusSeconds(15).toNanos();
        boolean ready = false;
        String unreachable = null;
        String deadlineHit = null;
        try {
            while (process.isAlive() || !lines.isEmpty() || reader.isAlive()) {
                if (context.cancelled()) {
                    kill(process);
                    throw new ToolContext.CancelledException();
                }
                if (System.nanoTime() > deadline) {
                    kill(process);
                    throw new ProbeFailed("the run took longer than " + maxRun.toSeconds() + " s and was stopped");
                }
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("READY")) {
                    ready = true;
                    started.targetReachable();
                } else if (line.startsWith("UNREACHABLE ")) {
                    unreachable = line.substring(12);
                } else if (line.startsWith("PROGRESS ")) {
                    String[] parts = line.split(" ");
                    context.progress(Double.parseDouble(parts[1]), (double) total, "probed " + parts[1] + " of " + total);
                } else if (line.startsWith("DEADLINE ")) {
                    deadlineHit = line.substring(9);
                }
            }
            int code = process.waitFor();
            if (unreachable != null || (!ready && code == 3)) {
                throw new ToolException(ErrorCode.UNAVAILABLE, "The target " + target.display() + " cannot be reached: "
                        + (unreachable == null ? "no answer" : unreachable) + ". Check that the model server is "
                        + "running and the URL is right; nothing was recorded.");
            }
            if (deadlineHit != null) {
                throw new ProbeFailed("the run reached its time limit of " + maxRun.toSeconds() + " s after "
                        + deadlineHit + " of " + total + " items");
            }
            if (code != 0 || !ready) {
                throw new ProbeFailed("the probe process exited with status " + code + ": " + tail(dir.resolve("runner.log")));
            }
            return readResults(dir.resolve("results.jsonl"), total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new ToolContext.CancelledException();
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
    }

    private static List<JsonNode> readResults(Path file, int total) throws IOException {
        List<JsonNode> results = new ArrayList<>(total);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    results.add(Json.MAPPER.readTree(line));
                }
            }
        }
        if (results.size() != total) {
            throw new ProbeFailed("the probe wrote " + results.size() + " results for " + total + " items");
        }
        return results;
    }

    /** Kills the process and anything it started, without a grace period: a probe holds nothing worth saving. */
    static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
            String last = text.lines().reduce((a, b) -> b).orElse("no output");
            return last.length() > 300 ? last.substring(0, 300) : last;
        } catch (IOException e) {
            return "no output";
        }
    }
}
