package io.aitip.tools.testing;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Confirmation;
import io.aitip.tools.model.NlExample;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.render.OpenAiToolView;
import io.aitip.tools.render.StrictModeChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import tools.jackson.databind.JsonNode;

/**
 * The rules every tool of every module obeys, as reusable checks over a {@link ToolCatalog}. Use
 * {@link #check} for one assertion over the catalog, or {@link #dynamicTests} for one test per tool:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> toolRules() {
 *     return ToolRules.dynamicTests(new ToolCatalog(myTools));
 * }
 * }</pre>
 */
public final class ToolRules {

    /** The first word of every tool name: the domain it acts on. */
    public static final Set<String> DOMAINS = Set.of("dataset", "experiment", "training", "model", "evaluation",
            "inference", "simulation", "release", "test", "resources", "approvals", "execution", "policy", "audit",
            "webhook");

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{2,63}$");
    static final Pattern PERMISSION = Pattern.compile("^[a-z_]+:(read|write|admin)$");
    static final int MIN_DESCRIPTION = 40;
    static final int MAX_DESCRIPTION = 1024;
    static final int MIN_EXAMPLES_PER_LANGUAGE = 2;

    private ToolRules() {
    }

    /** Every violation in the catalog, each prefixed with the tool's name; empty when all is well. */
    public static List<String> check(ToolCatalog catalog) {
        List<String> violations = new ArrayList<>();
        for (RegisteredTool tool : catalog.all()) {
            check(tool).forEach(v -> violations.add(tool.name() + ": " + v));
        }
        return violations;
    }

    /** The violations of one tool. */
    public static List<String> check(RegisteredTool tool) {
        List<String> out = new ArrayList<>();
        ToolSpec spec = tool.spec();
        String name = spec.name();
        if (!NAME.matcher(name).matches()) {
            out.add("name must match " + NAME.pattern());
        }
        String domain = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
        if (!DOMAINS.contains(domain)) {
            out.add("name must start with a known domain " + new TreeSet<>(DOMAINS) + ", not '" + domain + "'");
        }
        String description = spec.description() == null ? "" : spec.description();
        if (description.length() < MIN_DESCRIPTION || description.length() > MAX_DESCRIPTION) {
            out.add("description must be " + MIN_DESCRIPTION + ".." + MAX_DESCRIPTION + " characters (is "
                    + description.length() + "); say what the tool does and what to call next");
        }
        if (spec.title() == null || spec.title().isBlank()) {
            out.add("title is missing");
        }
        if (spec.permission() == null || !PERMISSION.matcher(spec.permission()).matches()) {
            out.add("permission '" + spec.permission() + "' must match " + PERMISSION.pattern());
        } else if (spec.readOnly() && !spec.permission().endsWith(":read") && !spec.permission().endsWith(":admin")) {
            // read-only tools need :read, or :admin when only admins may read it (the audit log)
            out.add("read-only tool needs a ':read' (or ':admin') permission, not " + spec.permission());
        }
        if (spec.destructive() && spec.confirmation() != Confirmation.ALWAYS && spec.approvalRule() == null) {
            out.add("destructive tool needs confirmation ALWAYS or an approval rule");
        }
        for (String language : List.of("en", "zh")) {
            long count = spec.examples().stream().filter(e -> e.language().equals(language)).count();
            if (count < MIN_EXAMPLES_PER_LANGUAGE) {
                out.add("needs at least " + MIN_EXAMPLES_PER_LANGUAGE + " '" + language + "' examples, has " + count);
            }
        }
        for (NlExample example : spec.examples()) {
            JsonNode arguments = tool.normalize(Json.tree(example.arguments()));
            ToolError error = tool.validate(arguments);
            if (error != null) {
                out.add("example \"" + example.text() + "\" does not validate: " + describe(error));
            }
        }
        for (String violation : StrictModeChecker.check(OpenAiToolView.render(tool))) {
            out.add("OpenAI strict rendering: " + violation);
        }
        return out;
    }

    /** One dynamic test per tool, named after it, failing with that tool's violations. */
    public static Stream<DynamicTest> dynamicTests(ToolCatalog catalog) {
        return catalog.all().stream().map(tool -> DynamicTest.dynamicTest(tool.name(), () -> {
            List<String> violations = check(tool);
            if (!violations.isEmpty()) {
                throw new AssertionError(tool.name() + " breaks the tool rules:\n  - "
                        + String.join("\n  - ", violations));
            }
        }));
    }

    private static String describe(ToolError error) {
        if (error.details() == null || error.details().isEmpty()) {
            return error.pointer() + " " + error.message();
        }
        List<String> parts = new ArrayList<>();
        error.details().forEach(d -> parts.add(d.pointer() + " " + d.message()));
        return String.join("; ", parts);
    }
}
