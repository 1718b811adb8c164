package io.aitip.executors.local;

import io.aitip.platform.training.GpuPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hands out GPU device indexes to jobs. A job gets all the devices it asks for or none; the process
 * then sees exactly those through {@code CUDA_VISIBLE_DEVICES}.
 */
public final class GpuAllocator {

    private final List<GpuPool.Device> devices;
    private final Map<Integer, String> holders = new HashMap<>();

    public GpuAllocator(List<GpuPool.Device> devices) {
        this.devices = List.copyOf(devices);
    }

    /** {@code count} free devices of {@code type} for the job, lowest indexes first; empty when too few are free. */
    public synchronized Optional<List<Integer>> allocate(String type, int count, String jobId) {
        List<Integer> free = devices.stream().filter(d -> d.type().equals(type) && !holders.containsKey(d.index()))
                .map(GpuPool.Device::index).limit(count).toList();
        if (free.size() < count) {
            return Optional.empty();
        }
        free.forEach(index -> holders.put(index, jobId));
        return Optional.of(free);
    }

    /** Marks devices as held by a job that is already running (a job re-attached after a restart). */
    public synchronized void reserve(String jobId, List<Integer> indexes) {
        indexes.forEach(index -> holders.put(index, jobId));
    }

    public synchronized void release(String jobId) {
        holders.values().removeIf(jobId::equals);
    }

    public synchronized GpuPool pool() {
        List<GpuPool.Device> now = new ArrayList<>();
        for (GpuPool.Device d : devices) {
            now.add(new GpuPool.Device(d.index(), d.type(), d.name(), d.memoryMb(), holders.get(d.index())));
        }
        return new GpuPool(now);
    }

    /** {@code "0,1"}, the value of {@code CUDA_VISIBLE_DEVICES} and of {@code assigned_gpus}. */
    public static String format(List<Integer> indexes) {
        return indexes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static List<Integer> parse(String assigned) {
        if (assigned == null || assigned.isBlank()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : assigned.split(",")) {
            out.add(Integer.parseInt(part.trim()));
        }
        return out;
    }
}
