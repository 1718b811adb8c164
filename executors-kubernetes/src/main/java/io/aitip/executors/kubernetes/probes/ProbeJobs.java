package io.aitip.executors.kubernetes.probes;

import io.aitip.executors.kubernetes.KubernetesProperties;
import io.aitip.executors.kubernetes.workloads.BatchRunSpec;
import io.aitip.platform.sandbox.ProbeRequest;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation's or simulation's probe as a Job spec: the JDK-only {@code ProbeRunner.java} and the
 * run's {@code spec.json} in a ConfigMap the Job owns, run by {@code java} in source-file mode in the
 * probe image, results on stdout as {@code RESULT <json>} lines (ADR 0022). The pod gets no AITIP
 * setting or credential; its deadline is the sandbox's {@code max-run} plus a minute for the JVM.
 */
public final class ProbeJobs {

    static final String PROGRAM = "ProbeRunner.java";
    static final String SPEC = "spec.json";
    static final int MAX_SPEC_BYTES = 900_000; // a ConfigMap holds at most 1 MiB, the program included
    private static final String SOURCE = readProgram();

    private final String image;
    private final Duration maxRun;
    private final Duration requestTimeout;

    public ProbeJobs(KubernetesProperties properties, Duration maxRun, Duration requestTimeout) {
        this.image = properties.runtimeImages().get("probe");
        this.maxRun = maxRun;
        this.requestTimeout = requestTimeout;
    }

    public Duration maxRun() {
        return maxRun;
    }

    /** The Job spec; null spec text size is checked by the caller ({@link #specText}). */
    public BatchRunSpec spec(ProbeRequest request, String specText) {
        String dir = BatchRunSpec.FILES_DIR + "/";
        String command = "exec java -Xmx192m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData "
                + "-Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8 " + dir + PROGRAM + " " + dir + SPEC + " -";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AITIP_TARGET", request.target().display());
        return new BatchRunSpec(request.runId(), request.kind(), request.scope().orgId(), request.scope().projectId(),
                request.kind() + " " + request.runId(), image, List.of("/bin/sh", "-c", command), env,
                request.gpuType(), request.gpuCount(), 0.5, 0.5, maxRun.plusMinutes(1).toSeconds(),
                Map.of(PROGRAM, SOURCE, SPEC, specText));
    }

    /** The spec the probe reads: the same fields as the local sandbox's, without the pinned address. */
    public String specText(ProbeRequest request) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("base_url", request.target().baseUrl().toString());
        // the guard checked the name from the server's network; the pod resolves it in its own
        spec.put("connect_host", null);
        spec.put("request_timeout_ms", requestTimeout.toMillis());
        spec.put("deadline_ms", maxRun.toMillis());
        spec.put("max_answer_chars", 4000);
        spec.put("items", request.items());
        return Json.write(spec);
    }

    static boolean fits(String specText) {
        return specText.getBytes(StandardCharsets.UTF_8).length <= MAX_SPEC_BYTES;
    }

    private static String readProgram() {
        try (InputStream in = ProbeJobs.class.getResourceAsStream("/sandbox/" + PROGRAM)) {
            if (in == null) {
                throw new IllegalStateException("sandbox/" + PROGRAM + " is missing from the platform jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
