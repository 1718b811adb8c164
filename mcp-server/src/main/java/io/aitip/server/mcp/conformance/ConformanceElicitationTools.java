package io.aitip.server.mcp.conformance;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;

import static io.aitip.server.mcp.conformance.ConformanceContentTools.ok;
import static io.aitip.server.mcp.conformance.ConformanceContentTools.text;

/** Conformance tools for form elicitation with defaults (SEP-1034) and enum variants (SEP-1330). */
final class ConformanceElicitationTools {

	private ConformanceElicitationTools() {
	}

	static List<SyncToolSpecification> specifications() {
		return List.of(
				ConformanceInteractiveTools.tool("test_elicitation_sep1034_defaults",
						"Tests elicitation with default values per SEP-1034", ConformanceSchemas.NO_ARGS,
						(exchange, request) -> elicit(exchange,
								"Please review and update the form fields with defaults", defaultsSchema())),
				ConformanceInteractiveTools.tool("test_elicitation_sep1330_enums",
						"Tests elicitation with enum schema improvements per SEP-1330", ConformanceSchemas.NO_ARGS,
						(exchange, request) -> elicit(exchange, "Please select options from the enum fields",
								enumsSchema())));
	}

	private static CallToolResult elicit(McpSyncServerExchange exchange, String message, Map<String, Object> schema) {
		try {
			ElicitResult result = exchange.createElicitation(ElicitRequest.builder(message, schema).build());
			return ok(text("Elicitation completed: action=" + action(result) + ", content=" + json(result.content())));
		}
		catch (RuntimeException e) {
			return ok(text("Elicitation not supported or error: " + e.getMessage()));
		}
	}

	static Map<String, Object> defaultsSchema() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
		properties.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
		properties.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
		properties.put("status", Map.of("type", "string", "description", "User status", "enum",
				List.of("active", "inactive", "pending"), "default", "active"));
		properties.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
		return Map.of("type", "object", "properties", properties, "required", List.of());
	}

	static Map<String, Object> enumsSchema() {
		List<String> options = List.of("option1", "option2", "option3");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("untitledSingle", Map.of("type", "string", "description", "Select one option", "enum", options));
		properties.put("titledSingle", Map.of("type", "string", "description", "Select one option with titles",
				"oneOf", titled("First Option", "Second Option", "Third Option")));
		properties.put("legacyEnum", Map.of("type", "string", "description", "Select one option (legacy)", "enum",
				List.of("opt1", "opt2", "opt3"), "enumNames", List.of("Option One", "Option Two", "Option Three")));
		properties.put("untitledMulti", Map.of("type", "array", "description", "Select multiple options", "minItems", 1,
				"maxItems", 3, "items", Map.of("type", "string", "enum", options)));
		properties.put("titledMulti", Map.of("type", "array", "description", "Select multiple options with titles",
				"minItems", 1, "maxItems", 3,
				"items", Map.of("anyOf", titled("First Choice", "Second Choice", "Third Choice"))));
		return Map.of("type", "object", "properties", properties, "required", List.of());
	}

	private static List<Map<String, Object>> titled(String... titles) {
		return List.of(Map.of("const", "value1", "title", titles[0]), Map.of("const", "value2", "title", titles[1]),
				Map.of("const", "value3", "title", titles[2]));
	}

	static String action(ElicitResult result) {
		return result.action() == null ? "unknown" : result.action().name().toLowerCase(Locale.ROOT);
	}

	static String json(Object value) {
		try {
			return McpJsonDefaults.getMapper().writeValueAsString(value == null ? Map.of() : value);
		}
		catch (IOException e) {
			return String.valueOf(value);
		}
	}

}
