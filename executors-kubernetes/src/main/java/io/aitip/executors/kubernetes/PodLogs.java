package io.aitip.executors.kubernetes;

import io.aitip.executors.local.MetricLines;
import io.aitip.platform.training.JobLogStore;
import io.aitip.platform.training.MetricPoint;
import io.aitip.platform.training.TrainingJob;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies pod logs into the job log store, with the metric lines in them. Every pod of a job is
 * read (all ranks); lines of multi-pod jobs are labelled {@code [rank N]} (the completion index,
 * else the pod name). The executor remembers per pod how many lines it stored; after a restart it
 * counts them from the store, so no line is stored twice.
 */
final class PodLogs {

    private static final Logger log = LoggerFactory.getLogger(PodLogs.class);

    private final Cluster cluster;
    private final JobLogStore logs;
    private final JdbcTemplate jdbc;
    private final Map<String, Integer> linesStored = new ConcurrentHashMap<>();
    private final Map<String, MetricLines> metrics = new ConcurrentHashMap<>();

    PodLogs(Cluster cluster, JobLogStore logs, JdbcTemplate jdbc) {
        this.cluster = cluster;
        this.logs = logs;
        this.jdbc = jdbc;
    }

    /** Copies what is new in the logs of {@code pods}; safe to call repeatedly. */
    synchronized void pump(TrainingJob job, List<Pod> pods) {
        boolean labelled = job.nodes() > 1 || !"none".equals(job.distributed()) || pods.size() > 1;
        for (Pod pod : pods) {
            if ("Pending".equals(PodFacts.phase(pod)) && PodFacts.containers(pod).isEmpty()) {
                continue;
            }
            try {
                pumpPod(job, pod, labelled);
            } catch (RuntimeException e) {
                log.warn("cannot copy the log of pod {} of {}: {}", PodFacts.name(pod), job.id(), e.toString());
            }
        }
    }

    private void pumpPod(TrainingJob job, Pod pod, boolean labelled) {
        String prefix = labelled ? "[rank " + rank(pod) + "] " : "";
        String key = job.id() + "/" + PodFacts.name(pod);
        int stored = linesStored.computeIfAbsent(key, k -> storedBefore(job.id(), prefix));
        String text = cluster.log(pod);
        List<String> all = text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all = all.subList(0, all.size() - 1); // the newline that ends the last line
        }
        if (all.size() <= stored) {
            return;
        }
        List<String> fresh = all.subList(stored, all.size());
        List<String> lines = new ArrayList<>(fresh.size());
        List<MetricPoint> points = new ArrayList<>();
        MetricLines parser = metrics.computeIfAbsent(job.id(), id -> new MetricLines(0));
        for (String line : fresh) {
            lines.add(prefix + line);
            points.addAll(parser.parse(line));
        }
        logs.append(job.id(), logs.lastSeq(job.id()) + 1, lines, points, 0);
        linesStored.put(key, all.size());
    }

    /** Lines this pod's label already has in the store (a restart resumes after them). */
    private int storedBefore(String jobId, String prefix) {
        Integer count = prefix.isEmpty()
                ? jdbc.queryForObject("SELECT count(*) FROM job_logs WHERE job_id = ?", Integer.class, jobId)
                : jdbc.queryForObject("SELECT count(*) FROM job_logs WHERE job_id = ? AND starts_with(line, ?)",
                Integer.class, jobId, prefix);
        return count == null ? 0 : count;
    }

    static String rank(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        for (Map<String, String> map : new ArrayList<>(java.util.Arrays.asList(labels, annotations))) {
            if (map != null && map.containsKey("batch.kubernetes.io/job-completion-index")) {
                return map.get("batch.kubernetes.io/job-completion-index");
            }
        }
        return PodFacts.name(pod);
    }

    /** Forgets a finished job's cursors. */
    void forget(String jobId) {
        linesStored.keySet().removeIf(k -> k.startsWith(jobId + "/"));
        metrics.remove(jobId);
    }
}
