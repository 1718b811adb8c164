package io.aitip.executors.local;

import io.aitip.platform.training.GpuPool;
import io.aitip.platform.training.GpuType;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the machine's GPUs: {@code nvidia-smi} when it is on the PATH and answers, otherwise the
 * configured pretend list ({@code AITIP_GPUS}, e.g. {@code a100:4,t4:2}, for development and tests).
 * Device names map to the platform's GPU types (t4, l4, a10g, a100, h100, h200, rtx4090).
 */
public final class GpuInventory {

    private static final Logger log = LoggerFactory.getLogger(GpuInventory.class);

    private GpuInventory() {
    }

    public static List<GpuPool.Device> detect(String configured) {
        if (onPath("nvidia-smi")) {
            try {
                Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,memory.total",
                        "--format=csv,noheader,nounits").redirectErrorStream(false).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    List<GpuPool.Device> devices = parseNvidiaSmi(out);
                    log.info("nvidia-smi reports {} GPU(s)", devices.size());
                    return devices;
                }
                p.destroyForcibly();
                log.warn("nvidia-smi failed; using the configured GPUs '{}'", configured);
            } catch (IOException e) {
                log.warn("cannot run nvidia-smi ({}); using the configured GPUs '{}'", e.getMessage(), configured);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return parseSpec(configured);
    }

    /** Parses {@code index, name, memory} lines; memory with or without a {@code MiB} unit. */
    public static List<GpuPool.Device> parseNvidiaSmi(String output) {
        List<GpuPool.Device> devices = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] cols = line.split(",");
            if (cols.length < 3) {
                continue;
            }
            int index = Integer.parseInt(cols[0].trim());
            String name = cols[1].trim();
            long memory = Long.parseLong(cols[2].replaceAll("[^0-9]", ""));
            devices.add(new GpuPool.Device(index, typeOf(name), name, memory, null));
        }
        return devices;
    }

    /**
     * Parses {@code a100:4,t4:2} (a type without a count means one) into devices indexed from 0.
     *
     * @throws IllegalArgumentException for an unknown type or a bad count, naming the valid ones
     */
    public static List<GpuPool.Device> parseSpec(String spec) {
        List<GpuPool.Device> devices = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return devices;
        }
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.trim().split(":");
            String type = kv[0].trim().toLowerCase(Locale.ROOT);
            if (GpuType.parse(type).isEmpty()) {
                throw new IllegalArgumentException("AITIP_GPUS: unknown GPU type '" + type
                        + "'; use t4, l4, a10g, a100, h100, h200 or rtx4090, as in a100:4,t4:2");
            }
            int count;
            try {
                count = kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("AITIP_GPUS: bad count in '" + part.trim() + "', as in a100:4,t4:2");
            }
            for (int i = 0; i < count; i++) {
                devices.add(new GpuPool.Device(devices.size(), type, type.toUpperCase(Locale.ROOT) + " (configured)",
                        0, null));
            }
        }
        return devices;
    }

    /** The platform type of a device name: "NVIDIA A100-SXM4-80GB" → a100, "Tesla T4" → t4. */
    public static String typeOf(String name) {
        List<String> tokens = List.of(name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("rtx4090") || (token.equals("rtx") && i + 1 < tokens.size() && tokens.get(i + 1).equals("4090"))) {
                return "rtx4090";
            }
            if (GpuType.parse(token).isPresent()) {
                return token;
            }
        }
        return tokens.stream().filter(t -> !t.isEmpty() && !List.of("nvidia", "tesla", "geforce", "quadro").contains(t))
                .findFirst().orElse("unknown");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
