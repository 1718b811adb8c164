package io.aitip.platform.evaluation;

import io.aitip.platform.datasets.Dataset;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads benchmark items from JSONL: one object per line with {@code question} (or {@code prompt}),
 * {@code answer}, and optionally {@code choices} (2–4 strings; the answer is then a letter A–D or the
 * text of one choice), {@code id} and {@code category}. The same format serves the shipped samples
 * and custom datasets.
 */
final class EvalItems {

    /** The most items one evaluation runs. */
    static final int MAX_ITEMS = 1000;
    /** The largest custom item file read. */
    static final long MAX_FILE_BYTES = 8L << 20;

    private EvalItems() {
    }

    /** The items of a registered dataset whose URI is a local JSONL file; INVALID_ARGUMENTS at /dataset otherwise. */
    static List<EvalItem> fromDataset(Dataset dataset) {
        Path path = localPath(dataset.uri());
        if (path == null) {
            throw ToolException.invalid("/dataset", "Dataset '" + dataset.name() + "' lives at " + dataset.uri()
                    + "; evaluation items are read from a local JSONL file (file:///… or an absolute path). Register "
                    + "a version whose uri is such a file with dataset_version.");
        }
        try {
            if (!Files.isRegularFile(path)) {
                throw ToolException.invalid("/dataset", "The file " + path + " of dataset '" + dataset.name()
                        + "' does not exist on this server. Register a version that points at an existing JSONL file.");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw ToolException.invalid("/dataset", "The file of dataset '" + dataset.name() + "' is larger than "
                        + (MAX_FILE_BYTES >> 20) + " MiB; split it or register a smaller sample.");
            }
            return parse(Files.readString(path, StandardCharsets.UTF_8), dataset.name(), "/dataset");
        } catch (IOException e) {
            throw ToolException.invalid("/dataset", "The file of dataset '" + dataset.name() + "' cannot be read: "
                    + e.getMessage());
        }
    }

    static Path localPath(String uri) {
        try {
            if (uri.startsWith("file:")) {
                return Path.of(URI.create(uri));
            }
            Path path = Path.of(uri);
            return path.isAbsolute() ? path : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** Parses JSONL items; {@code pointer} names the argument to blame (null: a shipped sample, which must be valid). */
    static List<EvalItem> parse(String text, String source, String pointer) {
        List<EvalItem> items = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (items.size() == MAX_ITEMS) {
                throw bad(pointer, source, n, "has more than " + MAX_ITEMS + " items; keep at most " + MAX_ITEMS);
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JacksonException e) {
                throw bad(pointer, source, n, "is not a JSON object");
            }
            items.add(item(node, source, n, pointer));
        }
        if (items.isEmpty()) {
            throw bad(pointer, source, 0, "has no items");
        }
        return items;
    }

    private static EvalItem item(JsonNode node, String source, int n, String pointer) {
        if (!node.isObject()) {
            throw bad(pointer, source, n, "is not a JSON object");
        }
        String question = text(node, "question", text(node, "prompt", null));
        String answer = node.has("answer") && node.get("answer").isValueNode() ? node.get("answer").asString() : null;
        if (question == null || question.isBlank() || answer == null || answer.isBlank()) {
            throw bad(pointer, source, n, "needs a non-empty \"question\" (or \"prompt\") and \"answer\"");
        }
        List<String> choices = new ArrayList<>();
        if (node.has("choices")) {
            if (!node.get("choices").isArray() || node.get("choices").size() < 2 || node.get("choices").size() > 4) {
                throw bad(pointer, source, n, "has \"choices\" that are not a list of 2 to 4 strings");
            }
            node.get("choices").forEach(c -> choices.add(c.asString()));
            answer = letter(answer.trim(), choices);
            if (answer == null) {
                throw bad(pointer, source, n, "has an \"answer\" that is neither a letter A–" + (char) ('A' + choices.size() - 1)
                        + " nor the text of one of its choices");
            }
        }
        String id = text(node, "id", source + "-" + (n + 1));
        return new EvalItem(clip(id, 100), clip(text(node, "category", null), 100), clip(question, 8000), choices,
                clip(answer, 1000));
    }

    private static String letter(String answer, List<String> choices) {
        String upper = answer.toUpperCase(Locale.ROOT);
        if (upper.length() == 1 && upper.charAt(0) >= 'A' && upper.charAt(0) < 'A' + choices.size()) {
            return upper;
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).strip().equalsIgnoreCase(answer)) {
                return String.valueOf((char) ('A' + i));
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? fallback : value.asString();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static RuntimeException bad(String pointer, String source, int line, String why) {
        if (pointer == null) {
            return new IllegalStateException("sample items " + source + " line " + (line + 1) + " " + why);
        }
        return ToolException.invalid(pointer, "Line " + (line + 1) + " of dataset '" + source + "' " + why + ". Fix the "
                + "file (one {\"question\", \"answer\", \"choices\"?} object per line) and register it as a new version.");
    }
}
