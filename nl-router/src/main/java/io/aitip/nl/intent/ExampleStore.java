package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.NlExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The sentences the router learns from before any tenant teaches it: every tool's catalog examples
 * and the shipped store {@code nl/examples.jsonl} (more phrasings per tool, and out-of-scope
 * sentences with {@code "tool": null}). Store lines for tools this server does not register are skipped.
 */
public final class ExampleStore {

    public static final String RESOURCE = "nl/examples.jsonl";

    private ExampleStore() {
    }

    public static List<LabelledSentence> load(List<RegisteredTool> tools) {
        List<LabelledSentence> sentences = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (RegisteredTool tool : tools) {
            names.add(tool.name());
            for (NlExample example : tool.spec().examples()) {
                sentences.add(new LabelledSentence(tool.name(), Language.parse(example.language()), example.text(),
                        Json.tree(example.arguments()), "catalog"));
            }
        }
        for (LabelledSentence stored : shipped()) {
            if (stored.tool() == null || names.contains(stored.tool())) {
                sentences.add(stored);
            }
        }
        return sentences;
    }

    public static List<LabelledSentence> shipped() {
        return read(ExampleStore.class.getClassLoader().getResourceAsStream(RESOURCE), "store");
    }

    /** Reads JSON lines {@code {"tool","lang","text","args"}}; blank lines and {@code //} comments are skipped. */
    public static List<LabelledSentence> read(InputStream in, String source) {
        if (in == null) {
            return List.of();
        }
        List<LabelledSentence> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(line);
                String tool = node.path("tool").isString() ? node.path("tool").asString() : null;
                out.add(new LabelledSentence(tool, Language.parse(node.path("lang").asString()), node.path("text").asString(),
                        node.path("args").isObject() ? node.path("args") : Json.object(), source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
