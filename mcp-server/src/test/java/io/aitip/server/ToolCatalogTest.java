package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.policy.explain.PermissionMatrix;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.pipeline.PolicyHook;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.testing.DocsDrift;
import io.aitip.tools.testing.ToolRules;
import io.aitip.tools.testing.ToolSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole catalog as the server builds it: the rules every tool must follow, one golden snapshot
 * per tool (refresh with UPDATE_TOOLSNAPS=true), and the generated reference and README table.
 */
class ToolCatalogTest {

    private static TestServer server;
    private static ToolCatalog catalog;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        catalog = server.bean(ToolCatalog.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyToolFollowsTheRules() {
        return ToolRules.dynamicTests(catalog);
    }

    @Test
    void everyToolHasItsSnapshot() {
        ToolSnapshots.verify(catalog, ToolSnapshots.DEFAULT_DIR);
    }

    @Test
    void generatedDocsMatchTheCatalog() {
        DocsDrift.verify(catalog, DocsDrift.repoRoot());
    }

    /** role × tool → allow / confirm / deny, generated from the policy the server runs. */
    @Test
    void permissionMatrixMatchesThePolicy() throws IOException {
        java.nio.file.Path file = DocsDrift.repoRoot().resolve(PermissionMatrix.PATH);
        String expected = PermissionMatrix.render(catalog, server.bean(PolicyHook.class));
        if (ToolSnapshots.updating()) {
            java.nio.file.Files.writeString(file, expected);
        }
        assertThat(java.nio.file.Files.exists(file)).as("run with UPDATE_TOOLSNAPS=true to generate " + file).isTrue();
        assertThat(java.nio.file.Files.readString(file))
                .as("the permission matrix drifted from the policy: run with UPDATE_TOOLSNAPS=true").isEqualTo(expected);
    }

    /**
     * The router learns from every tool's NL examples and the labelled set measures it, so the two never
     * share a sentence (nl-router's ExampleStoreTest checks the shipped store the same way).
     */
    @Test
    void noCatalogExampleIsALabelledSentence() throws IOException {
        Set<String> labelled = new HashSet<>();
        for (String line : Files.readAllLines(DocsDrift.repoRoot().resolve("nl-router/eval/labelled-set.jsonl"))) {
            if (!line.isBlank()) {
                labelled.add(normalised(Json.MAPPER.readTree(line).path("text").asString()));
            }
        }
        assertThat(labelled).hasSizeGreaterThan(400);
        List<String> shared = catalog.all().stream()
                .flatMap(tool -> tool.spec().examples().stream().map(e -> tool.name() + ": " + e.text()))
                .filter(example -> labelled.contains(normalised(example.substring(example.indexOf(": ") + 2)))).toList();
        assertThat(shared).as("labelled-set sentences used as catalog NL examples").isEmpty();
    }

    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    @Test
    void foundationToolsetsAreServed() {
        assertThat(catalog.find("training_submit")).isPresent();
        assertThat(catalog.find("dataset_register")).isPresent();
        assertThat(catalog.find("execution_get")).isPresent();
        assertThat(catalog.find("training.submit")).as("seed alias").isPresent();
    }
}
