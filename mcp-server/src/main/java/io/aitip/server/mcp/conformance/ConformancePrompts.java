package io.aitip.server.mcp.conformance;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

import static io.aitip.server.mcp.conformance.ConformanceContentTools.text;

/** Conformance prompts and the completion on {@code test_prompt_with_arguments}'s {@code arg1}. */
final class ConformancePrompts {

	private static final List<String> ARG1_VALUES = List.of("paris", "park", "party");

	private ConformancePrompts() {
	}

	static List<SyncPromptSpecification> prompts() {
		return List.of(
				prompt("test_simple_prompt", "Simple Test Prompt", "A simple prompt without arguments", List.of(),
						args -> List.of(user(text("This is a simple prompt for testing.")))),
				prompt("test_prompt_with_arguments", "Prompt With Arguments", "A prompt with required arguments",
						List.of(required("arg1", "First test argument"), required("arg2", "Second test argument")),
						args -> List.of(user(text("Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='"
								+ args.get("arg2") + "'")))),
				prompt("test_prompt_with_embedded_resource", "Prompt With Embedded Resource",
						"A prompt that includes an embedded resource",
						List.of(required("resourceUri", "URI of the resource to embed")),
						args -> List.of(
								user(EmbeddedResource.builder(TextResourceContents
									.builder(String.valueOf(args.get("resourceUri")),
											"Embedded resource content for testing.")
									.mimeType("text/plain")
									.build()).build()),
								user(text("Please process the embedded resource above.")))),
				prompt("test_prompt_with_image", "Prompt With Image", "A prompt that includes image content",
						List.of(),
						args -> List.of(user(ImageContent.builder(ConformanceFixtures.RED_PIXEL_PNG, "image/png").build()),
								user(text("Please analyze the image above.")))));
	}

	static List<SyncCompletionSpecification> completions() {
		return List.of(new SyncCompletionSpecification(new PromptReference("test_prompt_with_arguments"),
				(exchange, request) -> {
					String prefix = request.argument() == null || request.argument().value() == null ? ""
							: request.argument().value();
					List<String> values = "arg1".equals(request.argument() == null ? null : request.argument().name())
							? ARG1_VALUES.stream().filter(v -> v.startsWith(prefix)).toList() : List.of();
					return new CompleteResult(new CompleteCompletion(values, values.size(), false));
				}));
	}

	private static SyncPromptSpecification prompt(String name, String title, String description,
			List<PromptArgument> arguments, Function<Map<String, Object>, List<PromptMessage>> messages) {
		Prompt prompt = Prompt.builder(name).title(title).description(description).arguments(arguments).build();
		return new SyncPromptSpecification(prompt, (exchange, request) -> GetPromptResult
			.builder(messages.apply(request.arguments() == null ? Map.of() : request.arguments()))
			.build());
	}

	private static PromptArgument required(String name, String description) {
		return PromptArgument.builder(name).description(description).required(true).build();
	}

	private static PromptMessage user(io.modelcontextprotocol.spec.McpSchema.Content content) {
		return PromptMessage.builder(Role.USER, content).build();
	}

}
