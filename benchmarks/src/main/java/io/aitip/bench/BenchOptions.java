package io.aitip.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command line of {@link McpBenchmark}. */
record BenchOptions(String targetUrl, String targetLabel, String token, String tool, String argsJson,
		List<Integer> clients, Duration serverWarmup, Duration warmup, Duration measured, Path jsonOut) {

	static final String USAGE = """
			usage: McpBenchmark [--target-url URL] [--target-label NAME] [--token T] [--tool NAME] [--args JSON]
			                    [--clients 16,64] [--server-warmup-seconds 90] [--warmup-seconds 3] [--seconds 10]
			                    [--json-out benchmarks/target/mcp-bench.json]
			  Without --target-url only the bare SDK echo server is measured.
			  --server-warmup-seconds caps the once-per-server JIT warm-up (runs until throughput levels off);
			  --warmup-seconds is the unmeasured lead-in of every measured run.""";

	static BenchOptions parse(String[] args) {
		String targetUrl = null;
		String label = "aitip-pipeline";
		String token = null;
		String tool = "dataset_list";
		String json = "{\"limit\":5}";
		List<Integer> clients = List.of(16, 64);
		int serverWarmup = 90;
		int warmup = 3;
		int seconds = 10;
		Path out = Path.of("benchmarks", "target", "mcp-bench.json");
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if ("--help".equals(a) || "-h".equals(a)) {
				throw new IllegalArgumentException(USAGE);
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + a + "\n" + USAGE);
			}
			String v = args[++i];
			switch (a) {
				case "--target-url" -> targetUrl = v.isBlank() ? null : v;
				case "--target-label" -> label = v;
				case "--token" -> token = v;
				case "--tool" -> tool = v;
				case "--args" -> json = v;
				case "--clients" -> clients = parseClients(v);
				case "--server-warmup-seconds" -> serverWarmup = Integer.parseInt(v);
				case "--warmup-seconds" -> warmup = Integer.parseInt(v);
				case "--seconds" -> seconds = Integer.parseInt(v);
				case "--json-out" -> out = Path.of(v);
				default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
			}
		}
		if (serverWarmup < 0 || serverWarmup > 600 || warmup < 0 || warmup > 600 || seconds < 1 || seconds > 600) {
			throw new IllegalArgumentException("warm-ups must be 0..600 s and --seconds 1..600");
		}
		return new BenchOptions(targetUrl, label, token, tool, json, clients, Duration.ofSeconds(serverWarmup),
				Duration.ofSeconds(warmup),
				Duration.ofSeconds(seconds), out);
	}

	private static List<Integer> parseClients(String v) {
		List<Integer> list = new ArrayList<>();
		Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).forEach(list::add);
		if (list.isEmpty()) {
			throw new IllegalArgumentException("--clients needs at least one number");
		}
		return List.copyOf(list);
	}

}
