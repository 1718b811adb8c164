package io.aitip.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: N clients, each on its own platform thread with its own MCP session, send
 * {@code tools/call} back to back. All sessions are opened first (not timed), then every client
 * runs a warm-up period and a measured period on a shared clock; only calls that start inside the
 * measured window count. Bounded by time, by {@link #MAX_CALLS} in total and by a per-request
 * timeout.
 */
public final class McpLoadGenerator {

	/** Hard cap on measured calls across all clients, so a run can never go on unbounded. */
	static final long MAX_CALLS = 50_000_000L;

	static final int MAX_CLIENTS = 1024;

	/** What to call and how hard. */
	public record Load(URI uri, String token, String tool, String argsJson, int clients, Duration warmup,
			Duration measured) {
		public Load {
			if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())
					&& !"[::1]".equals(uri.getHost())) {
				throw new IllegalArgumentException("loopback targets only: " + uri);
			}
			if (clients < 1 || clients > MAX_CLIENTS) {
				throw new IllegalArgumentException("clients must be 1.." + MAX_CLIENTS);
			}
		}
	}

	/** Measured figures; latencies are of successful calls only. */
	public record Result(int clients, long calls, long errors, double seconds, double throughput, double p50Ms,
			double p99Ms, double maxMs, Map<String, Long> errorKinds) {
	}

	private McpLoadGenerator() {
	}

	public static Result run(Load load) throws InterruptedException {
		// HTTP/1.1: one connection per client thread, as a Streamable HTTP client would hold.
		ExecutorService httpExecutor = Executors.newCachedThreadPool(daemon("bench-http"));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(httpExecutor)
			.build();
		List<McpClientSession> sessions = new ArrayList<>();
		try {
			for (int i = 0; i < load.clients(); i++) {
				McpClientSession s = new McpClientSession(http, load.uri(), load.token(), load.tool(), load.argsJson());
				s.open();
				sessions.add(s);
			}
		}
		catch (Exception e) {
			sessions.forEach(McpClientSession::close);
			httpExecutor.shutdownNow();
			throw new IllegalStateException("could not open MCP session against " + load.uri() + ": " + e, e);
		}

		long start = System.nanoTime();
		long measureStart = start + load.warmup().toNanos();
		long measureEnd = measureStart + load.measured().toNanos();
		AtomicLong measuredCalls = new AtomicLong();
		Map<String, Long> errorKinds = new ConcurrentHashMap<>();
		List<Histogram> histograms = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(load.clients());
		List<Thread> threads = new ArrayList<>();
		for (McpClientSession session : sessions) {
			// up to 60 s in microseconds, 3 significant digits
			Histogram h = new Histogram(60_000_000L, 3);
			histograms.add(h);
			Thread t = new Thread(() -> {
				try {
					drive(session, h, measureStart, measureEnd, measuredCalls, errorKinds);
				}
				finally {
					done.countDown();
				}
			}, "bench-client-" + threads.size());
			t.setDaemon(true);
			threads.add(t);
			t.start();
		}
		done.await();
		sessions.forEach(McpClientSession::close);
		httpExecutor.shutdownNow();

		Histogram all = new Histogram(60_000_000L, 3);
		histograms.forEach(all::add);
		long errors = errorKinds.values().stream().mapToLong(Long::longValue).sum();
		double seconds = load.measured().toNanos() / 1e9;
		return new Result(load.clients(), all.getTotalCount(), errors, seconds, all.getTotalCount() / seconds,
				all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0,
				all.getMaxValue() / 1000.0, Map.copyOf(errorKinds));
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicLong n = new AtomicLong();
		return r -> {
			Thread t = new Thread(r, name + "-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	private static void drive(McpClientSession session, Histogram histogram, long measureStart, long measureEnd,
			AtomicLong measuredCalls, Map<String, Long> errorKinds) {
		while (true) {
			long begin = System.nanoTime();
			if (begin >= measureEnd) {
				return;
			}
			boolean measured = begin >= measureStart;
			if (measured && measuredCalls.incrementAndGet() > MAX_CALLS) {
				return;
			}
			String error;
			try {
				error = session.callTool();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception e) {
				error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
			}
			long micros = (System.nanoTime() - begin) / 1000;
			if (!measured) {
				continue;
			}
			if (error == null) {
				histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
			}
			else {
				errorKinds.merge(error, 1L, Long::sum);
			}
		}
	}

}
