package io.aitip.executors.local;

import io.aitip.platform.training.TrainingJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs waiting for resources, in arrival order. The scheduler walks it front to back and, per queue
 * key (GPU type or {@code cpu}), never starts a job while an earlier one of the same key waits:
 * strict FIFO per type, so a big job is not starved by later small ones.
 */
final class JobQueue {

    private final Map<String, TrainingJob> waiting = new LinkedHashMap<>();

    synchronized void add(TrainingJob job) {
        waiting.putIfAbsent(job.id(), job);
    }

    synchronized boolean remove(String jobId) {
        return waiting.remove(jobId) != null;
    }

    synchronized boolean contains(String jobId) {
        return waiting.containsKey(jobId);
    }

    synchronized List<TrainingJob> snapshot() {
        return new ArrayList<>(waiting.values());
    }

    synchronized int size() {
        return waiting.size();
    }
}
