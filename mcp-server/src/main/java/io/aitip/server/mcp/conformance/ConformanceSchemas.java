package io.aitip.server.mcp.conformance;

import java.util.List;
import java.util.Map;

/** JSON Schemas (as plain maps) used by the conformance fixtures. */
final class ConformanceSchemas {

	/** Input schema of the tools that take no arguments. */
	static final Map<String, Object> NO_ARGS = Map.of("type", "object", "properties", Map.of());

	/** SEP-1613: a raw draft 2020-12 schema whose {@code $schema}, {@code $defs} and
	 * {@code additionalProperties} must survive tools/list unchanged. */
	static final Map<String, Object> JSON_SCHEMA_2020_12 = Map.of(
			"$schema", "https://json-schema.org/draft/2020-12/schema",
			"type", "object",
			"$defs", Map.of("address", Map.of("type", "object", "properties",
					Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))),
			"properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")),
			"additionalProperties", false);

	private ConformanceSchemas() {
	}

	/** An object schema with one required string property. */
	static Map<String, Object> oneRequiredString(String name, String description) {
		return Map.of("type", "object",
				"properties", Map.of(name, Map.of("type", "string", "description", description)),
				"required", List.of(name));
	}

}
