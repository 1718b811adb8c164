package io.aitip.executors;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of inference replicas on the local executor, prefix {@code aitip.inference}.
 *
 * @param readyTimeout    how long a replica may take to answer its health check before it counts as
 *                        crashed (default 5 min: vLLM loading a large model is slow)
 * @param maxRestarts     how often the supervisor restarts a replica whose process died before it
 *                        gives up and marks it failed (default 3)
 * @param runtimePath     extra directories searched, before {@code PATH}, for the {@code vllm},
 *                        {@code tritonserver} and {@code torchserve} commands
 * @param builtinJvmOptions JVM options of the built-in runtime's processes (default a small heap)
 */
@ConfigurationProperties(prefix = "aitip.inference")
public record InferenceProperties(Duration readyTimeout, Integer maxRestarts, List<String> runtimePath,
                                  List<String> builtinJvmOptions) {

    public InferenceProperties {
        readyTimeout = readyTimeout == null ? Duration.ofMinutes(5) : readyTimeout;
        maxRestarts = maxRestarts == null || maxRestarts < 0 ? 3 : maxRestarts;
        runtimePath = runtimePath == null ? List.of() : List.copyOf(runtimePath);
        builtinJvmOptions = builtinJvmOptions == null || builtinJvmOptions.isEmpty()
                ? List.of("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1") : List.copyOf(builtinJvmOptions);
    }

    public static InferenceProperties defaults() {
        return new InferenceProperties(null, null, null, null);
    }
}
