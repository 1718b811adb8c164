package io.aitip.executors.local;

import io.aitip.platform.support.BundledProgram;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.InferenceRuntime;
import io.aitip.platform.inference.Replica;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a replica for each runtime, where it answers, and whether the runtime is
 * installed. The built-in runtime picks its own port and prints {@code AITIP_READY port=<n>}; the
 * others get a free port chosen here and are ready once their health route answers 200.
 */
final class RuntimeCommands {

    /** How to start one replica and how to tell it is ready. */
    record Launch(List<String> argv, Integer port, String healthPath, boolean printsReadyLine) {
    }

    private final BundledProgram builtin;
    private final List<String> builtinJvmOptions;
    private final List<String> searchPath;

    RuntimeCommands(BundledProgram builtin, List<String> builtinJvmOptions, List<String> extraPath) {
        this.builtin = builtin;
        this.builtinJvmOptions = builtinJvmOptions;
        List<String> path = new ArrayList<>(extraPath);
        String system = System.getenv("PATH");
        if (system != null) {
            path.addAll(List.of(system.split(File.pathSeparator)));
        }
        this.searchPath = path;
    }

    /** The program a runtime needs on the PATH; none for the built-in one. */
    static Optional<String> program(InferenceRuntime runtime) {
        return switch (runtime) {
            case BUILTIN -> Optional.empty();
            case VLLM -> Optional.of("vllm");
            case TRITON -> Optional.of("tritonserver");
            case TORCHSERVE -> Optional.of("torchserve");
        };
    }

    Optional<Path> which(String program) {
        for (String dir : searchPath) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why the runtime cannot run here, or empty. */
    Optional<String> unavailable(InferenceRuntime runtime) {
        return program(runtime).filter(p -> which(p).isEmpty()).map(p -> "The " + runtime.wire() + " runtime is not "
                + "installed on this server: no '" + p + "' command on its PATH. Deploy with runtime builtin (AITIP's "
                + "tiny OpenAI-compatible runtime), or ask an operator to install " + runtime.wire()
                + " (or add its directory to aitip.inference.runtime-path).");
    }

    Launch launch(Deployment service, Replica replica, Path workDir) {
        String model = service.modelName();
        String artifact = localArtifact(replica.artifactUri());
        return switch (service.runtime()) {
            case BUILTIN -> {
                List<String> argv = new ArrayList<>(builtin.command(builtinJvmOptions));
                argv.addAll(List.of("--port", "0", "--model", model, "--version", replica.version(), "--profile",
                        replica.profile() == null ? "weak" : replica.profile()));
                yield new Launch(argv, null, "/health", true);
            }
            case VLLM -> {
                int port = freePort();
                yield new Launch(List.of(path(service.runtime()), "serve", artifact, "--host", "127.0.0.1", "--port",
                        Integer.toString(port), "--served-model-name", model), port, "/health", false);
            }
            case TRITON -> {
                int port = freePort();
                yield new Launch(List.of(path(service.runtime()), "--model-repository=" + artifact,
                        "--http-port=" + port, "--allow-grpc=false", "--allow-metrics=false"), port,
                        "/v2/health/ready", false);
            }
            case TORCHSERVE -> {
                int port = freePort();
                Path config = workDir.resolve("config.properties");
                write(config, "inference_address=http://127.0.0.1:" + port + "\nmanagement_address=http://127.0.0.1:"
                        + freePort() + "\nmetrics_address=http://127.0.0.1:" + freePort() + "\n");
                yield new Launch(List.of(path(service.runtime()), "--foreground", "--model-store", artifact, "--models",
                        "all", "--ts-config", config.toString(), "--disable-token-auth"), port, "/ping", false);
            }
        };
    }

    private String path(InferenceRuntime runtime) {
        String program = program(runtime).orElseThrow();
        return which(program).map(Path::toString).orElseThrow(() -> new IllegalStateException(
                unavailable(runtime).orElse(program + " not found")));
    }

    /** {@code file:///x} → {@code /x}; {@code hf://org/name} → {@code org/name}; anything else unchanged. */
    static String localArtifact(String uri) {
        if (uri == null) {
            return ".";
        }
        String plain = uri.replaceFirst("[?#].*$", "");
        if (plain.startsWith("file:")) {
            return Path.of(URI.create(plain)).toString();
        }
        if (plain.startsWith("hf://")) {
            return plain.substring(5);
        }
        return plain;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
