package io.aitip.tools.testing;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.docs.ToolReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the generated tool docs in step with the catalog: {@code docs/reference/tools.md} and the
 * README table between {@code <!-- tools:start -->} and {@code <!-- tools:end -->}. Run it over the
 * <em>full</em> catalog (the server's); with {@code UPDATE_TOOLSNAPS=true} it rewrites both.
 */
public final class DocsDrift {

    private DocsDrift() {
    }

    public static void verify(ToolCatalog catalog, Path repoRoot) {
        verify(catalog, repoRoot, ToolSnapshots.updating());
    }

    public static void verify(ToolCatalog catalog, Path repoRoot, boolean update) {
        Path reference = repoRoot.resolve(ToolReference.REFERENCE_PATH);
        Path readme = repoRoot.resolve("README.md");
        String expectedReference = ToolReference.renderReference(catalog);
        String table = ToolReference.renderReadmeTable(catalog);
        try {
            String readmeText = Files.exists(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
            boolean markers = readmeText.contains(ToolReference.README_START)
                    && readmeText.indexOf(ToolReference.README_END) > readmeText.indexOf(ToolReference.README_START);
            if (update) {
                Files.createDirectories(reference.getParent());
                Files.writeString(reference, expectedReference, StandardCharsets.UTF_8);
                String base = markers ? readmeText : readmeText + (readmeText.isEmpty() || readmeText.endsWith("\n")
                        ? "" : "\n") + "\n## Tools\n\n" + ToolReference.README_START + "\n" + ToolReference.README_END + "\n";
                Files.writeString(readme, ToolReference.spliceReadme(base, table), StandardCharsets.UTF_8);
                return;
            }
            List<String> problems = new ArrayList<>();
            if (!Files.exists(reference)) {
                problems.add(reference + " is missing");
            } else if (!Files.readString(reference, StandardCharsets.UTF_8).replace("\r\n", "\n").equals(expectedReference)) {
                problems.add(reference + " differs from the catalog\n" + ToolSnapshots.diff(
                        Files.readString(reference, StandardCharsets.UTF_8).replace("\r\n", "\n"), expectedReference));
            }
            if (!markers) {
                problems.add(readme + " has no " + ToolReference.README_START + " … " + ToolReference.README_END
                        + " markers");
            } else if (!ToolReference.spliceReadme(readmeText, table).equals(readmeText)) {
                problems.add(readme + " tool table differs from the catalog");
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("Generated tool docs drifted:\n  - " + String.join("\n  - ", problems)
                        + "\nRun the tests with UPDATE_TOOLSNAPS=true to regenerate them, and commit the result.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root, found from the working directory (a module or the root) by its .git or mvnw/aitip. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git")) || Files.exists(p.resolve("aitip"))) {
                return p;
            }
        }
        return dir.getParent() != null && Files.exists(dir.resolve("../pom.xml")) ? dir.getParent() : dir;
    }
}
