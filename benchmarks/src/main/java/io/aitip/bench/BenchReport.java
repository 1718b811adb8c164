package io.aitip.bench;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.aitip.bench.McpBenchmark.Row;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders benchmark rows as a text table, a target verdict and JSON. */
final class BenchReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BenchReport() {
	}

	static String table(List<Row> rows) {
		StringBuilder sb = new StringBuilder();
		String fmt = "%-16s | %7s | %9s | %7s | %7s | %6s%n";
		sb.append(String.format(fmt, "scenario", "clients", "req/s", "p50 ms", "p99 ms", "errors"));
		sb.append("-".repeat(16)).append("-+-").append("-".repeat(7)).append("-+-").append("-".repeat(9))
			.append("-+-").append("-".repeat(7)).append("-+-").append("-".repeat(7)).append("-+-")
			.append("-".repeat(6)).append('\n');
		for (Row row : rows) {
			var r = row.result();
			sb.append(String.format("%-16s | %7d | %9.0f | %7.2f | %7.2f | %6d%n", row.scenario(), r.clients(),
					r.throughput(), r.p50Ms(), r.p99Ms(), r.errors()));
		}
		return sb.toString();
	}

	/** Ratio lines for every client count, and the target at 16 clients (informational). */
	static String verdict(List<Row> rows, String target) {
		StringBuilder sb = new StringBuilder("\n");
		for (Row pipe : rows) {
			if (!pipe.scenario().equals(target)) {
				continue;
			}
			int clients = pipe.result().clients();
			find(rows, McpBenchmark.BARE, clients).ifPresent(bare -> sb.append(String.format(
					"pipeline/bare throughput at %d clients = %.0f%%%n", clients, 100 * ratio(pipe, bare))));
		}
		Optional<Row> pipe = find(rows, target, McpBenchmark.TARGET_CLIENTS);
		Optional<Row> bare = find(rows, McpBenchmark.BARE, McpBenchmark.TARGET_CLIENTS);
		if (pipe.isPresent() && bare.isPresent()) {
			boolean ratioOk = ratio(pipe.get(), bare.get()) >= McpBenchmark.TARGET_RATIO;
			boolean p99Ok = pipe.get().result().p99Ms() <= McpBenchmark.TARGET_P99_MS;
			sb.append(String.format("target at %d clients: throughput >= %.0f%% of bare: %s; p99 <= %.0f ms: %s%n",
					McpBenchmark.TARGET_CLIENTS, 100 * McpBenchmark.TARGET_RATIO, ratioOk ? "met" : "MISSED",
					McpBenchmark.TARGET_P99_MS, p99Ok ? "met" : "MISSED"));
		}
		return sb.toString();
	}

	static String json(List<Row> rows, BenchOptions o, double busyBefore) {
		ObjectNode root = JSON.createObjectNode();
		root.put("timestamp", Instant.now().toString());
		root.put("cpus", Runtime.getRuntime().availableProcessors());
		root.put("java", System.getProperty("java.version"));
		root.put("busyCpuPercentBefore", round(busyBefore));
		root.put("warmupSeconds", o.warmup().toSeconds());
		root.put("measuredSeconds", o.measured().toSeconds());
		root.put("targetUrl", o.targetUrl());
		root.put("tool", o.tool());
		root.put("args", o.argsJson());
		ArrayNode results = root.putArray("results");
		for (Row row : rows) {
			var r = row.result();
			ObjectNode n = results.addObject();
			n.put("scenario", row.scenario());
			n.put("clients", r.clients());
			n.put("calls", r.calls());
			n.put("errors", r.errors());
			n.put("throughputPerSecond", round(r.throughput()));
			n.put("p50Ms", round(r.p50Ms()));
			n.put("p99Ms", round(r.p99Ms()));
			n.put("maxMs", round(r.maxMs()));
			ObjectNode kinds = n.putObject("errorKinds");
			r.errorKinds().forEach(kinds::put);
		}
		ObjectNode ratios = root.putObject("pipelineToBareThroughput");
		for (Row pipe : rows) {
			if (!pipe.scenario().equals(McpBenchmark.BARE)) {
				find(rows, McpBenchmark.BARE, pipe.result().clients())
					.ifPresent(bare -> ratios.put(String.valueOf(pipe.result().clients()), round(ratio(pipe, bare))));
			}
		}
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
	}

	private static Optional<Row> find(List<Row> rows, String scenario, int clients) {
		return rows.stream().filter(r -> r.scenario().equals(scenario) && r.result().clients() == clients).findFirst();
	}

	private static double ratio(Row pipe, Row bare) {
		return bare.result().throughput() == 0 ? 0 : pipe.result().throughput() / bare.result().throughput();
	}

	private static double round(double v) {
		return Math.round(v * 1000) / 1000.0;
	}

}
