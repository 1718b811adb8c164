package io.aitip.server.mcp.conformance;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import static io.aitip.server.mcp.conformance.ConformanceContentTools.ok;
import static io.aitip.server.mcp.conformance.ConformanceContentTools.text;

/** Conformance tools that talk back to the client while they run: logging, progress, sampling, elicitation. */
final class ConformanceInteractiveTools {

	private static final long STEP_DELAY_MS = 50;

	private ConformanceInteractiveTools() {
	}

	static List<SyncToolSpecification> specifications() {
		return List.of(
				tool("test_tool_with_logging", "Tests tool that emits log messages during execution",
						ConformanceSchemas.NO_ARGS, ConformanceInteractiveTools::withLogging),
				tool("test_tool_with_progress", "Tests tool that reports progress notifications",
						ConformanceSchemas.NO_ARGS, ConformanceInteractiveTools::withProgress),
				tool("test_sampling", "Tests server-initiated sampling (LLM completion request)",
						ConformanceSchemas.oneRequiredString("prompt", "The prompt to send to the LLM"),
						ConformanceInteractiveTools::sampling),
				tool("test_elicitation", "Tests server-initiated elicitation (user input request)",
						ConformanceSchemas.oneRequiredString("message", "The message to show the user"),
						ConformanceInteractiveTools::elicitation));
	}

	private static CallToolResult withLogging(McpSyncServerExchange exchange, CallToolRequest request) {
		log(exchange, "Tool execution started");
		pause();
		log(exchange, "Tool processing data");
		pause();
		log(exchange, "Tool execution completed");
		return ok(text("Tool with logging executed successfully"));
	}

	private static CallToolResult withProgress(McpSyncServerExchange exchange, CallToolRequest request) {
		Object token = request.meta() == null ? null : request.meta().get("progressToken");
		for (int step = 0; step <= 100; step += 50) {
			if (token != null) {
				exchange.progressNotification(ProgressNotification.builder(token, step)
					.total(100.0)
					.message("Completed step " + step + " of 100")
					.build());
			}
			if (step < 100) {
				pause();
			}
		}
		return ok(text(String.valueOf(token == null ? 0 : token)));
	}

	private static CallToolResult sampling(McpSyncServerExchange exchange, CallToolRequest request) {
		String prompt = stringArg(request, "prompt");
		try {
			CreateMessageResult result = exchange.createMessage(CreateMessageRequest
				.builder(List.of(SamplingMessage.builder(Role.USER, text(prompt)).build()), 100)
				.build());
			String answer = result.content() instanceof TextContent t ? t.text() : "No response";
			return ok(text("LLM response: " + answer));
		}
		catch (RuntimeException e) {
			return ok(text("Sampling not supported or error: " + e.getMessage()));
		}
	}

	private static CallToolResult elicitation(McpSyncServerExchange exchange, CallToolRequest request) {
		Map<String, Object> schema = ConformanceSchemas.oneRequiredString("response", "User's response");
		try {
			ElicitResult result = exchange.createElicitation(ElicitRequest.builder(stringArg(request, "message"), schema)
				.build());
			return ok(text("User response: action=" + ConformanceElicitationTools.action(result) + ", content="
					+ ConformanceElicitationTools.json(result.content())));
		}
		catch (RuntimeException e) {
			return ok(text("Elicitation not supported or error: " + e.getMessage()));
		}
	}

	static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
			java.util.function.BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
		return SyncToolSpecification.builder()
			.tool(Tool.builder(name, inputSchema).description(description).build())
			.callHandler(handler)
			.build();
	}

	private static void log(McpSyncServerExchange exchange, String message) {
		exchange.loggingNotification(LoggingMessageNotification.builder(LoggingLevel.INFO, message)
			.logger(ConformanceFixtures.LOGGER)
			.build());
	}

	private static String stringArg(CallToolRequest request, String name) {
		Object value = request.arguments() == null ? null : request.arguments().get(name);
		return value == null ? "" : value.toString();
	}

	private static void pause() {
		try {
			Thread.sleep(STEP_DELAY_MS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
