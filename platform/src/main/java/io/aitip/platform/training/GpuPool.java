package io.aitip.platform.training;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The GPUs an executor schedules onto and which job holds each.
 *
 * @param devices every device, in index order
 */
public record GpuPool(List<Device> devices) {

    /** One GPU; {@code jobId} is null while it is free. */
    public record Device(int index, String type, String name, long memoryMb, String jobId) {
    }

    public GpuPool {
        devices = List.copyOf(devices);
    }

    public static GpuPool none() {
        return new GpuPool(List.of());
    }

    public int total(String type) {
        return (int) devices.stream().filter(d -> d.type().equals(type)).count();
    }

    public int free(String type) {
        return (int) devices.stream().filter(d -> d.type().equals(type) && d.jobId() == null).count();
    }

    /** GPU type → count, e.g. {@code {a100=4, t4=2}}. */
    public Map<String, Integer> totals() {
        return devices.stream().collect(Collectors.groupingBy(Device::type, TreeMap::new,
                Collectors.summingInt(d -> 1)));
    }

    /** For messages: {@code "a100 ×4, t4 ×2"} or {@code "no GPUs"}. */
    public String describe() {
        if (devices.isEmpty()) {
            return "no GPUs";
        }
        return totals().entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }
}
