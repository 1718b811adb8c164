package io.aitip.server.mcp.conformance;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** Conformance tools that return fixed content: text, image, audio, resources, errors, 2020-12 schema. */
final class ConformanceContentTools {

	private ConformanceContentTools() {
	}

	static List<SyncToolSpecification> specifications() {
		return List.of(
				fixed("test_simple_text", "Tests simple text content response",
						() -> ok(text("This is a simple text response for testing."))),
				fixed("test_image_content", "Tests image content response",
						() -> ok(ImageContent.builder(ConformanceFixtures.RED_PIXEL_PNG, "image/png").build())),
				fixed("test_audio_content", "Tests audio content response",
						() -> ok(AudioContent.builder(ConformanceFixtures.MINIMAL_WAV, "audio/wav").build())),
				fixed("test_embedded_resource", "Tests embedded resource content response",
						() -> ok(embedded("test://embedded-resource", "text/plain",
								"This is an embedded resource content."))),
				fixed("test_multiple_content_types",
						"Tests response with multiple content types (text, image, resource)",
						() -> ok(text("Multiple content types test:"),
								ImageContent.builder(ConformanceFixtures.RED_PIXEL_PNG, "image/png").build(),
								embedded("test://mixed-content-resource", "application/json",
										"{\"test\":\"data\",\"value\":123}"))),
				fixed("test_error_handling", "Tests error response handling",
						() -> CallToolResult.builder()
							.content(List.of(text("This tool intentionally returns an error for testing")))
							.isError(true)
							.build()),
				jsonSchema202012Tool());
	}

	private static SyncToolSpecification jsonSchema202012Tool() {
		return SyncToolSpecification.builder()
			.tool(Tool.builder("json_schema_2020_12_tool", ConformanceSchemas.JSON_SCHEMA_2020_12)
				.description("Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)")
				.build())
			.callHandler((exchange, request) -> {
				Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
				return ok(text("JSON Schema 2020-12 tool called with: " + args));
			})
			.build();
	}

	private static SyncToolSpecification fixed(String name, String description, Supplier<CallToolResult> result) {
		return SyncToolSpecification.builder()
			.tool(Tool.builder(name, ConformanceSchemas.NO_ARGS).description(description).build())
			.callHandler((exchange, request) -> result.get())
			.build();
	}

	static TextContent text(String text) {
		return TextContent.builder(text).build();
	}

	static CallToolResult ok(Content... content) {
		return CallToolResult.builder().content(List.of(content)).isError(false).build();
	}

	private static EmbeddedResource embedded(String uri, String mimeType, String text) {
		return EmbeddedResource.builder(TextResourceContents.builder(uri, text).mimeType(mimeType).build()).build();
	}

}
