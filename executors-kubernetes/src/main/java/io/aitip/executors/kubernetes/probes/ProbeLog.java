package io.aitip.executors.kubernetes.probes;

import io.aitip.executors.kubernetes.Observation;
import io.aitip.executors.kubernetes.PodFacts;
import io.aitip.platform.sandbox.ProbeFailed;
import io.aitip.tools.json.Json;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a probe pod's log (ProbeRunner's stdout protocol: {@code READY}, {@code PROGRESS},
 * {@code RESULT <json>}, {@code UNREACHABLE}, {@code DEADLINE}) and explains a failed probe Job in
 * the words of an evaluation or simulation run rather than a training job's.
 */
final class ProbeLog {

    private final List<String> lines;

    ProbeLog(String text) {
        this.lines = text == null || text.isEmpty() ? List.of() : List.of(text.split("\r?\n"));
    }

    /** Items done so far, from the last {@code PROGRESS} line. */
    int progress() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("PROGRESS ")) {
                return Integer.parseInt(lines.get(i).split(" ")[1]);
            }
        }
        return 0;
    }

    /** One result per item, in order; ProbeFailed when the log holds fewer (rotated or cut). */
    List<JsonNode> results(int total) {
        List<JsonNode> results = new ArrayList<>(total);
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                try {
                    results.add(Json.MAPPER.readTree(line.substring(7)));
                } catch (JacksonException e) {
                    throw new ProbeFailed("the probe pod's log holds a malformed result line (was it cut?)");
                }
            }
        }
        if (results.size() != total) {
            throw new ProbeFailed("the probe pod's log holds " + results.size() + " results for " + total
                    + " items (was the log rotated or the pod deleted?)");
        }
        return results;
    }

    Optional<String> line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    /** Why the probe Job failed, for the run's status message. */
    String explain(Observation seen, List<Pod> pods, String target, long maxRunSeconds) {
        Optional<String> unreachable = line("UNREACHABLE ");
        if (unreachable.isPresent()) {
            return "the target " + target + " cannot be reached from the cluster: " + unreachable.get()
                    + ". Check that the pods of the project's namespace may connect to it";
        }
        Optional<String> deadline = line("DEADLINE ");
        if (deadline.isPresent()) {
            return "the run reached its time limit of " + maxRunSeconds + " s after " + deadline.get() + " items";
        }
        for (Pod pod : pods) {
            Optional<ContainerStateTerminated> ended = PodFacts.failedContainer(pod);
            if (PodFacts.disrupted(pod).isPresent()) {
                return "probe pod " + PodFacts.name(pod) + " was preempted (" + PodFacts.disrupted(pod).get().getReason()
                        + "); run it again";
            }
            if (ended.isPresent() && "OOMKilled".equals(ended.get().getReason())) {
                return "OOMKilled: probe pod " + PodFacts.name(pod) + " ran out of memory (exit code "
                        + ended.get().getExitCode() + ")";
            }
            if (ended.isPresent()) {
                return "the probe exited with status " + ended.get().getExitCode() + " in pod " + PodFacts.name(pod)
                        + ": " + lastWords();
            }
        }
        return seen.message().contains("activeDeadlineSeconds")
                ? "the run took longer than " + maxRunSeconds + " s and Kubernetes stopped it (activeDeadlineSeconds)"
                : seen.message();
    }

    private String lastWords() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("RESULT ") && !line.startsWith("PROGRESS ")) {
                return line.length() > 300 ? line.substring(0, 300) : line;
            }
        }
        return "no output";
    }
}
