package io.aitip.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Baseline for the benchmark: the official MCP Java SDK alone, stateful Streamable HTTP over the
 * servlet transport (the same transport AITIP uses) in embedded Tomcat, serving one {@code echo}
 * tool. Tomcat keeps its defaults, which are also Spring Boot's, so the comparison measures the
 * AITIP pipeline rather than connector tuning.
 *
 * <p>Run as its own process ({@code --port 0} picks a free port); it prints {@code LISTENING <port>}
 * on stdout once it accepts connections, which {@link BareServerProcess} waits for.
 */
public final class BareEchoServer implements AutoCloseable {

	public static final String READY_PREFIX = "LISTENING ";

	private static final Map<String, Object> ECHO_SCHEMA = Map.of("type", "object", "properties",
			Map.of("text", Map.of("type", "string")), "required", List.of("text"));

	private final Tomcat tomcat;

	private final McpSyncServer mcpServer;

	private final Path baseDir;

	private BareEchoServer(Tomcat tomcat, McpSyncServer mcpServer, Path baseDir) {
		this.tomcat = tomcat;
		this.mcpServer = mcpServer;
		this.baseDir = baseDir;
	}

	/** Starts the server on loopback; {@code port} 0 picks a free one. */
	public static BareEchoServer start(int port) throws Exception {
		var transport = HttpServletStreamableServerTransportProvider.builder()
			.jsonMapper(McpJsonDefaults.getMapper())
			.mcpEndpoint("/mcp")
			.build();
		McpSyncServer server = McpServer.sync(transport)
			.serverInfo("bare-echo", "1.0.0")
			.capabilities(ServerCapabilities.builder().tools(false).build())
			.tools(echoTool())
			.build();

		Path baseDir = Files.createTempDirectory("bare-echo-tomcat");
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector();
		connector.setPort(port);
		connector.setProperty("address", "127.0.0.1");
		tomcat.setConnector(connector);

		Context context = tomcat.addContext("", baseDir.toString());
		Wrapper wrapper = context.createWrapper();
		wrapper.setName("mcp");
		wrapper.setServlet(transport);
		wrapper.setLoadOnStartup(1);
		wrapper.setAsyncSupported(true); // the transport answers over async SSE streams
		context.addChild(wrapper);
		context.addServletMappingDecoded("/mcp", "mcp");
		tomcat.start();
		return new BareEchoServer(tomcat, server, baseDir);
	}

	private static SyncToolSpecification echoTool() {
		return SyncToolSpecification.builder()
			.tool(Tool.builder("echo", ECHO_SCHEMA).description("Returns the given text").build())
			.callHandler((exchange, request) -> {
				Object text = request.arguments() == null ? null : request.arguments().get("text");
				return CallToolResult.builder()
					.content(List.of(new TextContent(String.valueOf(text))))
					.isError(false)
					.build();
			})
			.build();
	}

	public int port() {
		return tomcat.getConnector().getLocalPort();
	}

	@Override
	public void close() throws Exception {
		mcpServer.closeGracefully();
		tomcat.stop();
		tomcat.destroy();
		try (var files = Files.walk(baseDir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	/** {@code BareEchoServer [--port N]}: serves until killed. */
	public static void main(String[] args) throws Exception {
		int port = 0;
		for (int i = 0; i < args.length; i++) {
			if ("--port".equals(args[i]) && i + 1 < args.length) {
				port = Integer.parseInt(args[++i]);
			}
		}
		BareEchoServer server = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (Exception ignored) {
				// exiting anyway
			}
		}));
		System.out.println(READY_PREFIX + server.port());
		System.out.flush();
		Thread.currentThread().join(); // Tomcat's own await() would open a shutdown port
	}

}
