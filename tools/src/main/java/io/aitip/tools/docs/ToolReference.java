package io.aitip.tools.docs;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.NlExample;
import io.aitip.tools.model.ToolKind;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.pipeline.CanonicalJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Generates the tool reference from the catalog: {@code docs/reference/tools.md} and the compact
 * table of the README (between {@link #README_START} and {@link #README_END}). Generated, never
 * edited by hand; {@code DocsDrift} (tools test-jar) fails the build when they drift.
 */
public final class ToolReference {

    public static final String README_START = "<!-- tools:start -->";
    public static final String README_END = "<!-- tools:end -->";
    public static final String REFERENCE_PATH = "docs/reference/tools.md";

    private ToolReference() {
    }

    /** The full reference: one section per toolset, one subsection per tool. */
    public static String renderReference(ToolCatalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append("# Tool reference\n\n")
                .append("<!-- Generated from the tool catalog by io.aitip.tools.docs.ToolReference. Do not edit:\n")
                .append("     run the tests with UPDATE_TOOLSNAPS=true to regenerate. -->\n\n")
                .append(catalog.size()).append(" tools. Kinds: R = read-only, W = write, D = destructive. ")
                .append("Wire names are snake_case; the dotted alias (`training.submit`) is accepted by the REST and NL doors.\n");
        for (Map.Entry<String, List<RegisteredTool>> toolset : byToolset(catalog).entrySet()) {
            out.append("\n## ").append(toolset.getKey()).append("\n");
            for (RegisteredTool tool : toolset.getValue()) {
                tool(out, tool);
            }
        }
        return out.toString();
    }

    /** The README table: toolset, tool, kind, first sentence of the description. */
    public static String renderReadmeTable(ToolCatalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append("| toolset | tool | kind | description |\n|---|---|---|---|\n");
        for (Map.Entry<String, List<RegisteredTool>> toolset : byToolset(catalog).entrySet()) {
            for (RegisteredTool tool : toolset.getValue()) {
                ToolSpec spec = tool.spec();
                out.append("| ").append(toolset.getKey()).append(" | `").append(spec.name()).append("` | ")
                        .append(letter(spec.kind())).append(" | ").append(cell(firstSentence(spec.description())))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** Replaces what lies between the README markers with the table; fails when the markers are missing. */
    public static String spliceReadme(String readme, String table) {
        int start = readme.indexOf(README_START);
        int end = readme.indexOf(README_END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("README has no " + README_START + " … " + README_END + " markers");
        }
        return readme.substring(0, start + README_START.length()) + "\n" + table + readme.substring(end);
    }

    static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        int cut = flat.length();
        int period = flat.indexOf(". ");
        if (period >= 0) {
            cut = Math.min(cut, period + 1);
        }
        int fullStop = flat.indexOf('。');
        if (fullStop >= 0) {
            cut = Math.min(cut, fullStop + 1);
        }
        return flat.substring(0, cut);
    }

    private static Map<String, List<RegisteredTool>> byToolset(ToolCatalog catalog) {
        Map<String, List<RegisteredTool>> out = new TreeMap<>();
        for (RegisteredTool tool : catalog.all()) {
            out.computeIfAbsent(tool.spec().toolset(), k -> new ArrayList<>()).add(tool);
        }
        return out;
    }

    private static void tool(StringBuilder out, RegisteredTool tool) {
        ToolSpec spec = tool.spec();
        out.append("\n### `").append(spec.name()).append("`");
        if (spec.title() != null) {
            out.append(" — ").append(spec.title());
        }
        out.append("\n\n");
        out.append("- kind: ").append(spec.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(" (").append(letter(spec.kind())).append(")\n");
        out.append("- permission: `").append(spec.permission()).append("`\n");
        out.append("- confirmation: ").append(spec.confirmation().name().toLowerCase(Locale.ROOT));
        if (spec.approvalRule() != null) {
            out.append(", approval rule `").append(spec.approvalRule()).append("`");
        }
        out.append("\n");
        if (spec.longRunning()) {
            out.append("- long-running: reports progress and honours cancellation\n");
        }
        out.append("\n").append(spec.description() == null ? "" : spec.description().trim()).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        parameters(tool.inputSchema(), "", rows);
        if (rows.isEmpty()) {
            out.append("No parameters.\n");
        } else {
            out.append("| parameter | type | required | description |\n|---|---|---|---|\n");
            for (String[] row : rows) {
                out.append("| `").append(row[0]).append("` | ").append(row[1]).append(" | ").append(row[2])
                        .append(" | ").append(cell(row[3])).append(" |\n");
            }
        }
        examples(out, spec.examples(), "en", "Examples");
        examples(out, spec.examples(), "zh", "示例");
    }

    private static void parameters(JsonNode schema, String prefix, List<String[]> rows) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = prefix + property.getKey();
            JsonNode value = property.getValue();
            rows.add(new String[] {name, type(value), required.contains(property.getKey()) ? "yes" : "no",
                    describe(value)});
            if (value.has("properties")) {
                parameters(value, name + ".", rows);
            } else if (value.path("items").has("properties")) {
                parameters(value.get("items"), name + "[].", rows);
            }
        }
    }

    private static String type(JsonNode schema) {
        String type = schema.path("type").asString("any");
        if (type.equals("array")) {
            return "array of " + type(schema.path("items"));
        }
        return type;
    }

    private static String describe(JsonNode schema) {
        StringBuilder text = new StringBuilder(schema.path("description").asString(""));
        List<String> facts = new ArrayList<>();
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add("`" + v.asString() + "`"));
            facts.add("one of " + String.join(", ", values));
        }
        bound(schema, "minimum", "min", facts);
        bound(schema, "maximum", "max", facts);
        bound(schema, "minLength", "min length", facts);
        bound(schema, "maxLength", "max length", facts);
        bound(schema, "maxItems", "max items", facts);
        if (schema.has("pattern")) {
            facts.add("pattern `" + schema.get("pattern").asString() + "`");
        }
        if (schema.has("format")) {
            facts.add("format " + schema.get("format").asString());
        }
        if (!facts.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("(").append(String.join("; ", facts)).append(")");
        }
        return text.toString();
    }

    private static void bound(JsonNode schema, String keyword, String label, List<String> facts) {
        if (schema.has(keyword)) {
            facts.add(label + " " + schema.get(keyword).toString());
        }
    }

    private static void examples(StringBuilder out, List<NlExample> examples, String language, String heading) {
        List<NlExample> chosen = examples.stream().filter(e -> e.language().equals(language)).toList();
        if (chosen.isEmpty()) {
            return;
        }
        out.append("\n").append(heading).append(" (").append(language).append("):\n\n");
        for (NlExample example : chosen) {
            out.append("- \"").append(example.text()).append("\" → `")
                    .append(Json.write(CanonicalJson.sorted(Json.tree(example.arguments()))).replace("`", "'")).append("`\n");
        }
    }

    private static String letter(ToolKind kind) {
        return switch (kind) {
            case READ_ONLY -> "R";
            case WRITE -> "W";
            case DESTRUCTIVE -> "D";
        };
    }

    private static String cell(String text) {
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
