package io.aitip.bench;

import io.aitip.policy.PolicyProperties;
import io.aitip.policy.cedar.CedarPolicy;
import io.aitip.policy.cedar.CedarPolicyStore;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.Decision;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Policy decision latency in-process: the Cedar engine with the shipped policies deciding a rotating
 * mix of callers (login, restricted API key, viewer, admin), tools (read, write, destructive, admin)
 * and arguments (none, a small GPU job, a job that needs approval), one thread, each decision timed:
 * once as one Cedar evaluation (what a decision-cache miss costs) and once on the pipeline's path
 * ({@code decide}, with the exact decision cache).
 * A JIT warm-up runs first. Prints p50 / p99 / p99.9 / max of {@code decide} and of the cached
 * {@code visible}, as wall-clock time and as this thread's CPU time: on a shared, busy machine the
 * wall-clock tail is mostly time spent waiting for a core, which the CPU time leaves out.
 *
 * <p>usage: PolicyBenchmark [--warmup-seconds 60] [--seconds 10]
 */
public final class PolicyBenchmark {

	private PolicyBenchmark() {
	}

	record Call(Principal principal, ToolSpec tool, JsonNode arguments) {
	}

	public static void main(String[] args) {
		int warmup = 60;
		int seconds = 10;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--warmup-seconds" -> warmup = Integer.parseInt(args[i + 1]);
				case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("usage: PolicyBenchmark [--warmup-seconds 60] [--seconds 10]");
			}
		}
		PolicyProperties properties = PolicyProperties.defaults();
		CedarPolicyStore store = new CedarPolicyStore(properties);
		CedarPolicy policy = new CedarPolicy(store, properties, List.of());
		List<Call> calls = calls();
		System.out.printf("policy %s, %d policies, %d calls in the mix; warming up %d s, measuring %d s%n",
				policy.version(), store.current().policies().size(), calls.size(), warmup, seconds);
		run(policy, calls, warmup, null, null, null);
		Histogram decide = new Histogram(3_600_000_000L, 3);
		Histogram decideCpu = new Histogram(3_600_000_000L, 3);
		Histogram cached = new Histogram(3_600_000_000L, 3);
		Histogram visible = new Histogram(3_600_000_000L, 3);
		long decisions = run(policy, calls, seconds, decide, decideCpu, visible);
		runCached(policy, calls, seconds, cached);
		System.out.printf("load average at the end: %.2f on %d cores%n",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				Runtime.getRuntime().availableProcessors());
		System.out.println("measure              |      count |  p50 µs |  p99 µs | p99.9 µs |  max µs");
		print("Cedar eval (wall)", decide);
		print("Cedar eval (CPU)", decideCpu);
		print("decide (cached)", cached);
		print("visible (cached)", visible);
		System.out.printf("Cedar evaluations/s on one thread: %.0f%n", decisions / (double) seconds);
		System.out.printf("target p99 <= 500 µs: Cedar eval wall %s, CPU %s; pipeline path (cached) %s%n",
				met(decide), met(decideCpu), met(cached));
		store.destroy();
	}

	private static long run(CedarPolicy policy, List<Call> calls, int seconds, Histogram decide, Histogram decideCpu,
							Histogram visible) {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long count = 0;
		int sink = 0;
		while (System.nanoTime() < end) {
			Call call = calls.get((int) (count % calls.size()));
			long c0 = threads.getCurrentThreadCpuTime();
			long t0 = System.nanoTime();
			Decision decision = policy.decideUncached(call.principal(), call.tool(), call.arguments(), Door.MCP);
			long t1 = System.nanoTime();
			long c1 = threads.getCurrentThreadCpuTime();
			boolean seen = policy.visible(call.principal(), call.tool());
			long t2 = System.nanoTime();
			if (decide != null) {
				decide.recordValue(t1 - t0);
				decideCpu.recordValue(Math.max(0, c1 - c0));
				visible.recordValue(t2 - t1);
			}
			sink += decision.outcome().ordinal() + (seen ? 1 : 0);
			count++;
		}
		if (sink == 42) {
			System.out.print("");
		}
		return count;
	}

	private static String met(Histogram h) {
		return h.getValueAtPercentile(99) <= 500_000 ? "met" : "NOT met";
	}

	private static void runCached(CedarPolicy policy, List<Call> calls, int seconds, Histogram cached) {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long count = 0;
		while (System.nanoTime() < end) {
			Call call = calls.get((int) (count++ % calls.size()));
			long t0 = System.nanoTime();
			policy.decide(call.principal(), call.tool(), call.arguments(), Door.MCP);
			cached.recordValue(System.nanoTime() - t0);
		}
	}

	private static void print(String name, Histogram h) {
		System.out.printf("%-20s | %10d | %7.1f | %7.1f | %8.1f | %7.1f%n", name, h.getTotalCount(),
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
				h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
	}

	private static List<Call> calls() {
		List<Principal> principals = List.of(
				new Principal("usr-1", "alice", "org-1", "acme", "prj-1", Role.MEMBER, Set.of(), null),
				new Principal("usr-2", "bob", "org-1", "acme", "prj-1", Role.MEMBER, Set.of("training:*", "datasets:read"),
						"key-2"),
				new Principal("usr-3", "vera", "org-1", "acme", "prj-1", Role.VIEWER, Set.of(), "key-3"),
				new Principal("usr-4", "ada", "org-1", "acme", "prj-1", Role.ADMIN, Set.of(), "key-4"));
		List<ToolSpec> tools = List.of(
				spec("dataset_list", "datasets", "datasets:read").readOnly().build(),
				spec("training_submit", "training", "training:write").write().build(),
				spec("training_stop", "training", "training:write").destructive().build(),
				spec("audit_search", "platform", "audit:admin").readOnly().build());
		List<JsonNode> arguments = List.of(Json.object(),
				Json.MAPPER.readTree("{\"model\": \"resnet50\", \"resources\": {\"gpu_type\": \"a100\", \"gpu_count\": 2}, "
						+ "\"max_runtime_minutes\": 120}"),
				Json.MAPPER.readTree("{\"model\": \"llama\", \"resources\": {\"gpu_count\": 16}, \"name\": \"ignore the policy\"}"));
		return principals.stream().flatMap(p -> tools.stream().flatMap(t -> arguments.stream().map(a -> new Call(p, t, a))))
				.toList();
	}

	private static ToolSpec.Builder spec(String name, String toolset, String permission) {
		return ToolSpec.builder(name).toolset(toolset).title(name).description(name).permission(permission);
	}
}
