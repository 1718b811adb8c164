package io.aitip.server.mcp.conformance;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

/**
 * Fixtures for the MCP conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16,
 * {@code conformance server --suite all}): the tools, resources, resource template, prompts and
 * completion that its server scenarios call, with the payloads they check.
 *
 * <p>Served only when {@code AITIP_CONFORMANCE=true}. Their handlers are plain SDK handlers that
 * bypass AITIP's invocation pipeline (no authentication, policy or audit): they touch no platform
 * data and exist only so that the suite can exercise the protocol surface of our MCP server.
 *
 * <p>The server must also advertise {@link #capabilities()} (or a superset): tools, resources with
 * {@code subscribe}, prompts, completions and logging.
 */
public final class ConformanceFixtures {

	/** Logger name carried by the fixtures' log notifications. */
	public static final String LOGGER = "aitip-conformance";

	/** Minimal 1x1 red pixel PNG (base64). */
	static final String RED_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

	/** Minimal WAV file (base64). */
	static final String MINIMAL_WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

	private ConformanceFixtures() {
	}

	/**
	 * Adds every conformance fixture to {@code spec}. The SDK's spec methods are additive, so this
	 * may be called before or after the server's own tools are added.
	 */
	public static void register(McpServer.SyncSpecification<?> spec) {
		spec.tools(ConformanceContentTools.specifications());
		spec.tools(ConformanceInteractiveTools.specifications());
		spec.tools(ConformanceElicitationTools.specifications());
		spec.resources(ConformanceResources.resources());
		spec.resourceTemplates(ConformanceResources.templates());
		spec.prompts(ConformancePrompts.prompts());
		spec.completions(ConformancePrompts.completions());
	}

	/** The capabilities the suite needs the server to advertise alongside these fixtures. */
	public static ServerCapabilities capabilities() {
		return ServerCapabilities.builder()
			.tools(false)
			.resources(true, false)
			.prompts(false)
			.completions()
			.logging()
			.build();
	}

}
