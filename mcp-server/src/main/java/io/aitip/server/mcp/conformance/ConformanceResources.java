package io.aitip.server.mcp.conformance;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

/**
 * Conformance resources: {@code test://static-text}, {@code test://static-binary},
 * {@code test://watched-resource} (subscribable) and the template {@code test://template/{id}/data}.
 * Subscribe/unsubscribe are handled by the SDK once the server advertises {@code resources.subscribe}.
 */
public final class ConformanceResources {

	public static final String WATCHED_URI = "test://watched-resource";

	private static final Pattern TEMPLATE_URI = Pattern.compile("test://template/([^/]+)/data");

	private ConformanceResources() {
	}

	static List<SyncResourceSpecification> resources() {
		return List.of(
				resource("test://static-text", "static-text", "Static Text Resource",
						"A static text resource for testing", "text/plain",
						text("test://static-text", "text/plain", "This is the content of the static text resource.")),
				resource("test://static-binary", "static-binary", "Static Binary Resource",
						"A static binary resource (image) for testing", "image/png",
						BlobResourceContents.builder("test://static-binary", ConformanceFixtures.RED_PIXEL_PNG)
							.mimeType("image/png")
							.build()),
				resource(WATCHED_URI, "watched-resource", "Watched Resource",
						"A resource that can be subscribed to for updates", "text/plain",
						text(WATCHED_URI, "text/plain", "Watched resource content")));
	}

	static List<SyncResourceTemplateSpecification> templates() {
		ResourceTemplate template = ResourceTemplate.builder("test://template/{id}/data", "template")
			.title("Resource Template")
			.description("A resource template with parameter substitution")
			.mimeType("application/json")
			.build();
		return List.of(new SyncResourceTemplateSpecification(template, (exchange, request) -> {
			Matcher m = TEMPLATE_URI.matcher(request.uri());
			String id = m.matches() ? m.group(1) : "";
			String json = "{\"id\":" + ConformanceElicitationTools.json(id)
					+ ",\"templateTest\":true,\"data\":" + ConformanceElicitationTools.json("Data for ID: " + id) + "}";
			return ReadResourceResult.builder(List.of(text(request.uri(), "application/json", json))).build();
		}));
	}

	/**
	 * Sends {@code notifications/resources/updated} for the watched resource to the sessions that
	 * subscribed to it (the suite 0.1.16 checks subscribe/unsubscribe only; this is for manual checks).
	 */
	public static void notifyWatchedResourceUpdated(McpSyncServer server) {
		server.notifyResourcesUpdated(new ResourcesUpdatedNotification(WATCHED_URI));
	}

	private static SyncResourceSpecification resource(String uri, String name, String title, String description,
			String mimeType, ResourceContents contents) {
		Resource resource = Resource.builder(uri, name).title(title).description(description).mimeType(mimeType).build();
		return new SyncResourceSpecification(resource,
				(exchange, request) -> ReadResourceResult.builder(List.of(contents)).build());
	}

	private static TextResourceContents text(String uri, String mimeType, String text) {
		return TextResourceContents.builder(uri, text).mimeType(mimeType).build();
	}

}
