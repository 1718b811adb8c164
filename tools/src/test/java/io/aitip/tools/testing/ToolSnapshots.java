package io.aitip.tools.testing;

import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.NlExample;
import io.aitip.tools.pipeline.CanonicalJson;
import io.aitip.tools.render.McpToolView;
import io.aitip.tools.render.OpenAiToolView;
import io.aitip.tools.render.PolicyView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden snapshot per tool ({@code <tool>.snap.json}: MCP view, OpenAI strict view, policy, examples),
 * so that every change to what a model or a policy sees shows up in review. Run the tests with
 * {@code UPDATE_TOOLSNAPS=true} (environment or {@code -DUPDATE_TOOLSNAPS=true}) to (re)write them.
 */
public final class ToolSnapshots {

    /** Where a module keeps its snapshots, relative to the module (the working directory of its tests). */
    public static final Path DEFAULT_DIR = Path.of("src", "test", "resources", "toolsnaps");
    public static final String SUFFIX = ".snap.json";

    /** Two-space indent, {@code "key": value}, one array element per line, "\n" on every platform. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private ToolSnapshots() {
    }

    /** Verifies (or, with {@code UPDATE_TOOLSNAPS=true}, rewrites) every snapshot in {@code dir}. */
    public static void verify(ToolCatalog catalog, Path dir) {
        verify(catalog, dir, updating());
    }

    /** As {@link #verify(ToolCatalog, Path)} with the mode given; throws an AssertionError listing every problem. */
    public static void verify(ToolCatalog catalog, Path dir, boolean update) {
        try {
            List<String> problems = update ? write(catalog, dir) : compare(catalog, dir);
            if (!problems.isEmpty()) {
                throw new AssertionError("Tool snapshots in " + dir + " are out of date:\n  - "
                        + String.join("\n  - ", problems)
                        + "\nIf the change is intended, run the tests with UPDATE_TOOLSNAPS=true and commit the files.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the environment or a system property asks to refresh generated files. */
    public static boolean updating() {
        return "true".equalsIgnoreCase(System.getenv("UPDATE_TOOLSNAPS"))
                || "true".equalsIgnoreCase(System.getProperty("UPDATE_TOOLSNAPS"));
    }

    /** The snapshot text of one tool: sorted keys, pretty-printed, ending with a newline. */
    public static String render(RegisteredTool tool) {
        ObjectNode snap = Json.object();
        snap.set("mcp", McpToolView.render(tool));
        snap.set("openai", OpenAiToolView.render(tool));
        snap.set("policy", PolicyView.render(tool.spec()));
        ArrayNode examples = snap.putArray("examples");
        for (NlExample example : tool.spec().examples()) {
            ObjectNode item = examples.addObject();
            item.put("language", example.language());
            item.put("text", example.text());
            item.set("arguments", Json.tree(example.arguments()));
        }
        return Json.MAPPER.writer().with(PRINTER).writeValueAsString(CanonicalJson.sorted(snap)) + "\n";
    }

    private static List<String> write(ToolCatalog catalog, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (RegisteredTool tool : catalog.all()) {
            Path file = dir.resolve(tool.name() + SUFFIX);
            String text = render(tool);
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        }
        for (String orphan : orphans(catalog, dir)) {
            Files.delete(dir.resolve(orphan + SUFFIX));
        }
        return List.of();
    }

    private static List<String> compare(ToolCatalog catalog, Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (RegisteredTool tool : catalog.all()) {
            Path file = dir.resolve(tool.name() + SUFFIX);
            if (!Files.exists(file)) {
                problems.add(tool.name() + ": no snapshot " + file);
                continue;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            String actual = render(tool);
            if (!expected.equals(actual)) {
                problems.add(tool.name() + ": differs from " + file + "\n" + diff(expected, actual));
            }
        }
        for (String orphan : orphans(catalog, dir)) {
            problems.add(orphan + ": snapshot of a tool that no longer exists (" + dir.resolve(orphan + SUFFIX) + ")");
        }
        return problems;
    }

    private static Set<String> orphans(ToolCatalog catalog, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        Set<String> names = catalog.all().stream().map(RegisteredTool::name).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(SUFFIX))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length()))
                    .filter(n -> !names.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** A short line diff: the first differing lines with a little context, marked - (snapshot) and + (now). */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int first = 0;
        while (first < a.length && first < b.length && a[first].equals(b[first])) {
            first++;
        }
        int endA = a.length - 1;
        int endB = b.length - 1;
        while (endA > first && endB > first && a[endA].equals(b[endB])) {
            endA--;
            endB--;
        }
        StringBuilder out = new StringBuilder("      @@ line ").append(first + 1).append(" @@\n");
        int shown = 0;
        for (int i = first; i <= endA && i < a.length && shown < 20; i++, shown++) {
            out.append("      - ").append(a[i]).append('\n');
        }
        shown = 0;
        for (int i = first; i <= endB && i < b.length && shown < 20; i++, shown++) {
            out.append("      + ").append(b[i]).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
