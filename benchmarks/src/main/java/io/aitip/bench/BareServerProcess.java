package io.aitip.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link BareEchoServer} in its own JVM (same {@code java} binary and classpath as this one), so it
 * gets its own heap, GC and JIT just like the AITIP server and does not share this JVM with the load
 * generator. Extra JVM options come from {@code BENCH_SERVER_JAVA_OPTS}, the variable the bench
 * script also hands to the AITIP server.
 */
final class BareServerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private BareServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static BareServerProcess start() throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String opts = System.getenv("BENCH_SERVER_JAVA_OPTS");
		if (opts != null && !opts.isBlank()) {
			cmd.addAll(List.of(opts.trim().split("\\s+")));
		}
		cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
				System.getProperty("java.class.path"), BareEchoServer.class.getName(), "--port", "0"));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		BareServerProcess server = null;
		try {
			int port = awaitPort(p);
			server = new BareServerProcess(p, port);
			return server;
		}
		finally {
			if (server == null) {
				p.destroyForcibly();
			}
		}
	}

	/** Reads the child's output until it announces its port; afterwards keeps draining it. */
	private static int awaitPort(Process p) throws IOException, InterruptedException {
		var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread pump = new Thread(() -> {
			try {
				String line;
				while ((line = reader.readLine()) != null) {
					if (!port.isDone() && line.startsWith(BareEchoServer.READY_PREFIX)) {
						port.complete(Integer.parseInt(line.substring(BareEchoServer.READY_PREFIX.length()).trim()));
					}
					else {
						System.err.println("[bare-echo] " + line);
					}
				}
			}
			catch (IOException ignored) {
				// process ended
			}
			port.completeExceptionally(new IOException("bare echo server exited before listening"));
		}, "bare-echo-output");
		pump.setDaemon(true);
		pump.start();
		try {
			return port.get(60, TimeUnit.SECONDS);
		}
		catch (TimeoutException e) {
			throw new IOException("bare echo server did not start within 60 s");
		}
		catch (java.util.concurrent.ExecutionException e) {
			throw new IOException(e.getCause().getMessage(), e.getCause());
		}
	}

	String url() {
		return "http://127.0.0.1:" + port + "/mcp";
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
